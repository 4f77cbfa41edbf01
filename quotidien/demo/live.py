"""The demo's live coverage ("En direct"), from the `live*.toml` files of a content folder.

Like the rest of the demo, loading again creates nothing new: a live page is found by its
slug, and one already there keeps what the newsroom posted since.
"""

import html
import tomllib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from quotidien.live.models import LiveEntry, LivePage
from quotidien.news.models import ArticlePage, Author, SectionPage


def load_demo_live(*, content_dir: Path) -> list[str]:
    """Publish each live page of `content_dir` missing from the site, with its entries;
    returns the slugs of the pages created."""
    created = []
    for path in sorted(content_dir.glob("live*.toml")):
        item = tomllib.loads(path.read_text(encoding="utf-8"))["live"]
        if not LivePage.objects.filter(slug=item["slug"]).exists():
            _create_live_page(item)
            created.append(item["slug"])
    return created


@transaction.atomic
def _create_live_page(item: dict) -> LivePage:
    now = timezone.now()
    started = now - timedelta(minutes=item["started_minutes_ago"])
    section = SectionPage.objects.filter(slug=item["section"]).order_by("depth").first()
    page = LivePage(
        title=item["title"],
        slug=item["slug"],
        kicker=item.get("kicker", ""),
        standfirst=item["standfirst"],
        summary=_list(item["summary"]),
        lead_image=_photo_of(item.get("photo_of")),
        # Kept by publishing, and indexed with the page.
        first_published_at=started,
    )
    section.add_child(instance=page)
    page.authors.set(Author.objects.filter(slug__in=item.get("authors", [])))
    users = {user.username: user for user in get_user_model().objects.all()}
    LiveEntry.objects.bulk_create(
        LiveEntry(
            page=page,
            posted_at=now - timedelta(minutes=entry["minutes_ago"]),
            title=entry.get("title", ""),
            body=_entry_blocks(entry),
            pinned=entry.get("pinned", False),
            author=users.get(entry.get("author", "")),
        )
        for entry in item["entries"]
    )
    # Entries made in bulk send no signal: they are there before the page is published,
    # which indexes it with their text.
    page.save_revision().publish()
    LivePage.objects.filter(pk=page.pk).update(
        last_published_at=started, latest_revision_created_at=started
    )
    return page


def _list(text: str) -> str:
    """Rich text from "- " lines: the summary's bullet points."""
    items = (line.strip()[2:] for line in text.strip().splitlines() if line.strip())
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def _photo_of(slug: str | None):
    """The lead photo of the demo article at `slug`: live pages reuse the demo's photos."""
    if not slug:
        return None
    article = ArticlePage.objects.filter(slug=slug).select_related("lead_image").first()
    return article.lead_image if article else None


def _entry_blocks(entry: dict) -> list[tuple[str, object]]:
    """An entry's blocks, in this order: paragraphs, quote, photo, link to an article."""
    blocks: list[tuple[str, object]] = [
        ("paragraph", f"<p>{html.escape(' '.join(chunk.split()))}</p>")
        for chunk in entry.get("text", "").strip().split("\n\n")
        if chunk.strip()
    ]
    if quote := entry.get("quote"):
        blocks.append(("quote", {"text": quote["text"], "attribution": quote.get("by", "")}))
    if photo := entry.get("photo"):
        image = _photo_of(photo["of"])
        if image is not None:
            blocks.append(("photo", {"image": image, "caption": photo.get("caption", "")}))
    if (slug := entry.get("read_also")) and (
        article := ArticlePage.objects.filter(slug=slug).first()
    ):
        blocks.append(("read_also", {"article": article}))
    return blocks
