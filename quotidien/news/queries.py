"""Reads of the paper used by pages, feeds and the API.

Every listing goes through `article_cards()`, so a page's query count depends on
what it shows, never on how many articles, tags or related items exist.

Every listing starts from `public_articles()`: an article under a view restriction (a
password, a reader's login, groups: the back office's « Confidentialité ») is for the
readers who may open it, and is listed nowhere, "Lire aussi" and "Les plus lus" included.
"""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import (
    CharField,
    F,
    Func,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.lookups import Exact
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from quotidien.audience.counts import most_read_ids
from quotidien.pagecache import reads

from .images import NewsRendition
from .models import ArticlePage, ArticleRelatedLink, ArticleTag, Author, HomePage, SectionPage
from .renditions import CARD_SPECS, PORTRAIT_SPECS

SECTIONS = reads.KeptReads("sections", 1)
# Some 30 KB each (the cards of "Lire aussi", the authors and their photos): enough for the
# articles readers past the page cache read most, without weighing on a worker's memory.
ARTICLE_CONTEXTS = reads.KeptReads("article-context", 24)
SECTION_COUNTS = reads.KeptReads("section-count", 200)
FRONT_PAGES = reads.KeptReads("front-page", 1)
# Views change the ranking without any edit: it is read again after a minute.
MOST_READ = reads.KeptReads("most-read", 1, seconds=60)
LISTINGS = reads.KeptReads("section-listing", 32)
VIEW_RESTRICTIONS = reads.KeptReads("view-restrictions", 1)
FRONT_SECTION_SIZE = 4
# Top stories after the lead shown as cards with a picture; those after them, as headlines.
FRONT_SECONDARY_CARDS = 4
FRONT_LEAD_LINKS = 3
FRONT_LATEST = 10
FRONT_MOST_READ = 5
RELATED_SIZE = 3
# "Lire aussi" weighs the latest articles of the article's first few tags, not the archive.
RELATED_TAGS = 5
RELATED_CANDIDATES_PER_TAG = 200


class PathPrefix(Func):
    """The first `length` characters of a page's path, spelled as the indexes spell them."""

    output_field = CharField()

    def __init__(self, length: int):
        super().__init__(F("path"), template=f"SUBSTR(%(expressions)s, 1, {int(length)})")


def in_section(section_path: str) -> Q:
    """Articles filed under the section at `section_path`, sub-sections included.

    Wagtail's `descendant_of` is a `LIKE 'path%'`: the databases then read every article
    of the section to find its latest, where the index on the path's prefix and the date
    (migration news.0004, for top-level sections and the level below) walks them newest
    first.
    """
    return Q(Exact(PathPrefix(len(section_path)), section_path))


def restricted_paths(request=None) -> tuple[str, ...]:
    """The tree paths of the pages under a view restriction, kept until the site changes
    (saving or deleting a restriction changes it: `quotidien.pagecache.signals`). Usually
    none: a paper seldom restricts a page."""
    return VIEW_RESTRICTIONS.get(
        None,
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        request=request,
    )


def restrictions_against(within: str = "") -> list[str]:
    """The paths of the restrictions a reader of the page at `within` has not passed: all
    but those on that page or above it."""
    return [path for path in restricted_paths() if not within.startswith(path)]


def unrestricted(relation: str = "", *, within: str = "") -> Q:
    """Pages under no view restriction: the condition of Wagtail's `public()`, from the
    restrictions kept by `restricted_paths()` rather than read for each query.

    `relation` leads to the page from another model ("article__"). `within`, the path of
    the page that lists them, lets through the restrictions on that page or above it:
    whoever sees the page has passed them (a restricted section lists its articles to
    the readers it admits).
    """
    condition = Q()
    for path in restrictions_against(within):
        condition &= ~Q(**{f"{relation}path__startswith": path})
    return condition


def is_public(page: Page) -> bool:
    """Whether any reader may open `page`: live and under no view restriction (read from
    `restricted_paths()`, so no query once they are kept)."""
    return page.live and not any(page.path.startswith(path) for path in restricted_paths())


def public_articles(*, within: str = "") -> PageQuerySet:
    """The live articles any reader may open: under no view restriction (but those
    `unrestricted` lets through `within` a page)."""
    return ArticlePage.objects.live().filter(unrestricted(within=within))


def section_map(request=None) -> dict[str, SectionPage]:
    """Live sections by tree path, fetched once per request."""
    cached = getattr(request, "_quotidien_sections", None)
    if cached is not None:
        return cached
    sections = SECTIONS.get(None, live_sections)
    if request is not None:
        request._quotidien_sections = sections
    return sections


def live_sections() -> dict[str, SectionPage]:
    """Live sections by tree path, read from the database (`section_map` keeps them)."""
    return {
        section.path: section
        for section in SectionPage.objects.live()
        # Filtering on the page type lets the database start from the few sections
        # instead of scanning every page of the archive.
        .filter(content_type=ContentType.objects.get_for_model(SectionPage))
        .only(
            "title",
            "slug",
            "path",
            "depth",
            "url_path",
            "live",
            "access",
            "comment_moderation",
            "comment_hold_threshold",
            "comment_refuse_threshold",
        )
        .order_by("path")
    }


def top_level_sections(request=None) -> list[SectionPage]:
    sections = section_map(request).values()
    top_depth = min((section.depth for section in sections), default=0)
    return [section for section in sections if section.depth == top_depth]


def section_trail(page: Page, sections: dict[str, SectionPage]) -> list[SectionPage]:
    """The sections above `page`, outermost first (Monde, Syrie)."""
    step = Page.steplen
    return [
        sections[page.path[:end]]
        for end in range(step, len(page.path), step)
        if page.path[:end] in sections
    ]


def attach_sections(articles: Iterable[ArticlePage], sections: dict[str, SectionPage]) -> None:
    """Give each article its `section` and its kicker text without further queries."""
    for article in articles:
        trail = section_trail(article, sections)
        article.section = trail[-1] if trail else None
        article.section_trail = trail
        article.kicker_text = article.kicker or " - ".join(section.title for section in trail)


def article_cards(ids: Sequence[int], request=None, *, within: str = "") -> list[ArticlePage]:
    """Public articles with what a card shows (section, photo, byline), in the order of
    `ids`: those no longer live or public (see `public_articles` for `within`) are left
    out."""
    ids = list(ids)
    if not ids:
        return []
    articles = (
        public_articles(within=within)
        .filter(pk__in=ids)
        .defer_streamfields()
        .select_related("lead_image", "agency")
        .prefetch_related(
            "authors",
            Prefetch(
                "lead_image__renditions",
                queryset=NewsRendition.objects.filter(filter_spec__in=CARD_SPECS),
            ),
        )
        .in_bulk()
    )
    cards = [articles[pk] for pk in ids if pk in articles]
    attach_sections(cards, section_map(request))
    return cards


def top_stories(home: HomePage, request=None) -> list[ArticlePage]:
    """The articles the editors placed on the front page, in their order."""
    ids = home.top_stories.order_by("sort_order").values_list("article_id", flat=True)
    return article_cards(ids, request)


def front_page(home: HomePage, request=None) -> dict:
    """What the front page shows, in the editors' arrangement (see `arranged_front`),
    kept until something is published; and "Les plus lus", kept a minute."""
    front = FRONT_PAGES.get(home.pk, lambda: arranged_front(home, request), request=request)
    return {**front, "most_read": most_read(request)}


def arranged_front(home: HomePage, request=None) -> dict:
    """The front page as the editors arranged it, read from the database.

    `top_stories`: the editors' picks; `lead_story`: the first, with its `links` (the
    editors' "Lire aussi" picks for it, else its related articles but those the page
    shows elsewhere: top stories, opinion strip); `secondary_stories`:
    the next ones, as cards; `brief_stories`: the rest, as headlines; `opinion`: the
    latest articles of the opinion section, their authors with photos; `section_fronts`:
    each section block with its latest articles, none shown above; `latest`: "En continu".
    """
    stories = top_stories(home, request)
    shown = [story.pk for story in stories]

    opinion_section = next(
        (s for s in section_map(request).values() if s.pk == home.opinion_section_id), None
    )
    opinion = []
    if opinion_section is not None:
        opinion = opinion_cards(latest_article_ids(opinion_section, home.opinion_count, shown))
        shown += [article.pk for article in opinion]

    lead = stories[0] if stories else None
    if lead is not None:
        lead.links = article_cards(lead_link_ids(lead, shown), request)

    return {
        "top_stories": stories,
        # Not `lead` nor `secondary`: the card template's flags would see them.
        "lead_story": lead,
        "secondary_stories": stories[1 : 1 + FRONT_SECONDARY_CARDS],
        "brief_stories": stories[1 + FRONT_SECONDARY_CARDS :],
        "opinion_section": opinion_section if opinion else None,
        "opinion": opinion,
        "section_fronts": section_fronts(
            section_blocks(home, exclude=opinion_section, request=request), shown, request
        ),
        "latest": article_cards(latest_ids(FRONT_LATEST), request),
    }


def lead_link_ids(lead: ArticlePage, shown: Sequence[int] = ()) -> list[int]:
    """The lead story's links: the editors' "Lire aussi" picks for it, as they chose them,
    else related articles as its page ends with, but none of `shown` (the stories the
    front page shows already: a reader would find the same headline twice)."""
    picks = (
        ArticleRelatedLink.objects.filter(unrestricted("article__"), page=lead, article__live=True)
        .order_by("sort_order")
        .values_list("article_id", flat=True)[:FRONT_LEAD_LINKS]
    )
    if picks := list(picks):
        return picks
    tag_ids = ArticleTag.objects.filter(content_object=lead).values_list("tag_id", flat=True)
    return related_article_ids(lead, list(tag_ids), FRONT_LEAD_LINKS, exclude=shown)


def section_blocks(
    home: HomePage, *, exclude: SectionPage | None = None, request=None
) -> list[tuple[SectionPage, int]]:
    """The front page's section blocks and how many articles each shows, in the editors'
    order; when they chose none, every top-level section but `exclude` (the opinions)."""
    chosen = list(home.section_blocks.order_by("sort_order"))
    if not chosen:
        sections = top_level_sections(request)
        return [(section, FRONT_SECTION_SIZE) for section in sections if section != exclude]
    sections = {section.pk: section for section in section_map(request).values()}
    return [
        (sections[block.section_id], block.count)
        for block in chosen
        if block.section_id in sections
    ]


def with_portraits(authors: QuerySet[Author]) -> QuerySet[Author]:
    """`authors` with their photo and its portrait renditions, read in one query for all."""
    return authors.select_related("photo").prefetch_related(
        Prefetch(
            "photo__renditions",
            queryset=NewsRendition.objects.filter(filter_spec__in=PORTRAIT_SPECS),
        )
    )


def opinion_cards(ids: Sequence[int]) -> list[ArticlePage]:
    """Public articles in the order of `ids` with their authors and the authors' photos."""
    articles = (
        public_articles()
        .filter(pk__in=ids)
        .defer_streamfields()
        .prefetch_related(Prefetch("authors", queryset=with_portraits(Author.objects.all())))
        .in_bulk()
    )
    return [articles[pk] for pk in ids if pk in articles]


def latest_ids(limit: int) -> list[int]:
    """The paper's latest articles, all sections together ("En continu")."""
    return list(
        public_articles()
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )


def most_read(request=None) -> list[ArticlePage]:
    """The articles read most over the last 24 hours ("Les plus lus"), kept a minute."""
    return MOST_READ.get(
        None,
        lambda: article_cards(
            most_read_ids(FRONT_MOST_READ, exclude_under=restricted_paths()), request
        ),
        request=request,
    )


def listing_cards(section: SectionPage, listing, request=None) -> list[ArticlePage]:
    """The cards of one page of a section's listing, kept until something is published."""
    return LISTINGS.get(
        (section.pk, listing.number),
        lambda: article_cards(listing.object_list, request, within=section.path),
        request=request,
    )


def latest_article_ids(section: Page, limit: int, exclude: Sequence[int] = ()) -> list[int]:
    return list(
        public_articles()
        .filter(in_section(section.path))
        .exclude(pk__in=exclude)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )


def section_fronts(
    blocks: Sequence[tuple[SectionPage, int]] | None = None,
    exclude: Sequence[int] = (),
    request=None,
) -> list[tuple[SectionPage, list]]:
    """Each section of `blocks` (by default every top-level section, FRONT_SECTION_SIZE
    each) with as many of its latest articles as it says, none of `exclude`, none twice;
    a section with none is left out."""
    if blocks is None:
        blocks = [(section, FRONT_SECTION_SIZE) for section in top_level_sections(request)]
    ids_by_section, shown = [], list(exclude)
    for section, count in blocks:
        ids = latest_article_ids(section, count, shown)
        shown += ids
        ids_by_section.append((section, ids))
    cards = {card.pk: card for card in article_cards(shown[len(exclude) :], request)}
    return [
        (section, [cards[pk] for pk in ids if pk in cards])
        for section, ids in ids_by_section
        if ids
    ]


def section_article_ids(section: SectionPage):
    """The ids of a section's public articles, sub-sections included, newest first (lazy,
    for paging). Those of a restricted section are public to the readers it admits."""
    return (
        public_articles(within=section.path)
        .filter(in_section(section.path))
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )


def section_article_count(section: SectionPage) -> int:
    """How many articles the section holds, kept until something is published or moved."""
    return SECTION_COUNTS.get(section.pk, section_article_ids(section).count)


def subsections(section: SectionPage, request=None) -> list[SectionPage]:
    return [
        child
        for child in section_map(request).values()
        if child.depth == section.depth + 1 and child.path.startswith(section.path)
    ]


def related_article_ids(
    article: ArticlePage,
    tag_ids: Sequence[int],
    limit: int = RELATED_SIZE,
    *,
    exclude: Sequence[int] = (),
) -> list[int]:
    """End-of-article "Lire aussi": editors' picks, then same section and tags, newest first.

    Never the article itself, never an unpublished or a restricted one, but for those
    under the restrictions the article's readers have passed (a restricted section's
    articles lead to one another, as the section lists them to the readers it admits).
    The articles chosen for it by the machine are none of `exclude`; the editors' picks
    stay as they chose them.
    """
    live = public_articles(within=article.path).exclude(pk=article.pk)
    picks = list(
        ArticleRelatedLink.objects.filter(page=article, article__in=live.values("pk"))
        .order_by("sort_order")
        .values_list("article_id", flat=True)[:limit]
    )
    chosen = list(dict.fromkeys(picks))
    section_path = article.path[: -article.steplen]
    tag_ids = list(tag_ids)[:RELATED_TAGS]
    excluded = set(exclude)

    by_tags = sharing_tags(article, tag_ids, section_path, limit + len(chosen) + len(excluded))
    by_tags = [pk for pk in by_tags if pk not in excluded]
    chosen = list(dict.fromkeys([*chosen, *by_tags]))[:limit]
    if len(chosen) == limit:
        return chosen
    same_section = (
        live.exclude(pk__in=[*chosen, *excluded])
        .filter(in_section(section_path))
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:limit]
    )
    return list(dict.fromkeys([*chosen, *same_section]))[:limit]


def sharing_tags(
    article: ArticlePage, tag_ids: Sequence[int], section_path: str, limit: int
) -> list[int]:
    """Public articles sharing tags with `article` (those `related_article_ids` lets
    through included): most tags shared, same section, newest.

    Only the latest articles of each tag count (newer articles have higher ids), each tag's
    read from the index on tag and article; the ORM cannot say "the latest N of each" in
    a form SQLite accepts in a UNION, hence the SQL.
    """
    if not tag_ids:
        return []
    tagged, page = ArticleTag._meta.db_table, Page._meta.db_table
    restricted = restrictions_against(article.path)
    latest_of_each_tag = " UNION ALL ".join(
        f"SELECT * FROM (SELECT content_object_id FROM {tagged} WHERE tag_id = %s"
        f" ORDER BY content_object_id DESC LIMIT {RELATED_CANDIDATES_PER_TAG}) AS latest"
        for _ in tag_ids
    )
    sql = f"""
        SELECT page.id FROM (
            SELECT content_object_id AS id, COUNT(*) AS shared
            FROM ({latest_of_each_tag}) AS candidates GROUP BY content_object_id
        ) AS candidate JOIN {page} AS page ON page.id = candidate.id
        WHERE page.live AND page.id <> %s
            {"".join(" AND SUBSTR(page.path, 1, %s) <> %s" for _ in restricted)}
        ORDER BY candidate.shared DESC,
            CASE WHEN SUBSTR(page.path, 1, %s) = %s THEN 1 ELSE 0 END DESC,
            page.first_published_at DESC
        LIMIT %s
    """
    params = [
        *tag_ids,
        article.pk,
        *[value for path in restricted for value in (len(path), path)],
        len(section_path),
        section_path,
        limit,
    ]
    with connections[router.db_for_read(ArticlePage)].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def article_context(article: ArticlePage, request=None) -> dict:
    """What the article page shows besides the article's own fields."""
    attach_sections([article], section_map(request))

    def read():
        tags = list(article.tags.all())
        related_ids = related_article_ids(article, [tag.pk for tag in tags])
        return {
            "authors": list(article.authors.select_related("photo")),
            "tags": tags,
            "related_articles": article_cards(related_ids, request, within=article.path),
        }

    # What publishing changes: kept until something is published, unpublished or re-signed.
    return ARTICLE_CONTEXTS.get(article.pk, read, request=request)
