"""The demo's front page as its editors would arrange it: the lead and secondary stories,
the opinion strip and the section blocks, and a first hour of readers for "Les plus lus",
from content/front-page.toml."""

import time
import tomllib
from pathlib import Path

from quotidien.audience import counts
from quotidien.news.models import (
    ArticlePage,
    HomePage,
    HomePageSection,
    HomePageTopStory,
    SectionPage,
)

FRONT_PAGE = Path(__file__).parent / "content" / "front-page.toml"


def arrange_front_page(home: HomePage, *, path: Path = FRONT_PAGE) -> bool:
    """Arrange the front page as `path` says, unless its editors arranged it already (an
    opinion section or section blocks chosen); returns whether it did."""
    home = HomePage.objects.get(pk=home.pk)
    if home.opinion_section_id or home.section_blocks.exists():
        return False
    plan = tomllib.loads(path.read_text(encoding="utf-8"))
    sections = {section.slug: section for section in SectionPage.objects.descendant_of(home)}
    articles = {
        article.slug: article
        for article in ArticlePage.objects.descendant_of(home).filter(slug__in=plan["top_stories"])
    }
    # The rows already there are kept, given their new article: deleted ones would leave
    # the back office's reference index a task about rows that no longer exist.
    rows = list(home.top_stories.all())
    stories = []
    for order, slug in enumerate(plan["top_stories"]):
        story = rows[order] if order < len(rows) else HomePageTopStory()
        story.article, story.sort_order = articles[slug], order
        stories.append(story)
    home.top_stories = stories
    home.opinion_section = sections[plan["opinion_section"]]
    home.opinion_count = plan["opinion_count"]
    home.section_blocks = [
        HomePageSection(section=sections[block["slug"]], count=block["count"], sort_order=order)
        for order, block in enumerate(plan["sections"])
    ]
    home.save_revision().publish()
    return True


def count_demo_readers(home: HomePage, *, path: Path = FRONT_PAGE) -> bool:
    """Count the views `path` lists in this hour, unless articles were read over the last
    24 hours already (by readers, or by an earlier load); returns whether it did."""
    if counts.most_read_ids(1):
        return False
    plan = tomllib.loads(path.read_text(encoding="utf-8"))
    views = {entry["slug"]: entry["views"] for entry in plan.get("most_read", [])}
    ids = dict(
        ArticlePage.objects.descendant_of(home).filter(slug__in=views).values_list("slug", "pk")
    )
    hour = int(time.time() // 3600)
    counts.add_views({(ids[slug], hour): number for slug, number in views.items() if slug in ids})
    return True
