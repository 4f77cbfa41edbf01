"""Reads of live pages used by their page, their JSON endpoint, the front page and feeds."""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page

from quotidien.news import queries as news_queries
from quotidien.news.images import NewsRendition
from quotidien.news.pagination import paginate
from quotidien.news.renditions import CARD_SPECS
from quotidien.pagecache import reads
from quotidien.pagecache.fragments import fragment_context

from .models import LiveEntry, LivePage, entries_changed_at

# Entries on one page of the live page without script, and in its JSON answer.
ENTRIES_PER_PAGE = 50
# How often readers' pages ask for new entries (setting QUOTIDIEN_LIVE_POLL_SECONDS).
POLL_SECONDS = 30
# Open live pages shown on the front page's "En direct" banner.
BANNER_SIZE = 3
BANNERS = reads.KeptReads("live-banner", 1)


def entries(page: LivePage, *, pinned: bool | None = None) -> QuerySet[LiveEntry]:
    """The page's entries, newest first, with what an entry shows (its author)."""
    found = page.entries.select_related("author")
    if pinned is not None:
        found = found.filter(pinned=pinned)
    return found.order_by("-posted_at", "-pk")


def with_bodies(entries: list[LiveEntry]) -> list[LiveEntry]:
    """`entries` with their bodies read together: the photos (and their renditions) and
    the linked articles of them all in a few queries, where each body would read its own."""
    stream = LiveEntry._meta.get_field("body").stream_block
    bodies = stream.bulk_to_python([entry.body.raw_data for entry in entries])
    for entry, body in zip(entries, bodies, strict=True):
        entry.body = body
    return entries


def live_page_context(page: LivePage, request=None) -> dict:
    """What the live page shows besides its fields: sections and kicker, byline, the key
    entries ("L’essentiel", on the first page only) and one page of the others."""
    news_queries.attach_sections([page], news_queries.section_map(request))
    timeline = entries(page, pinned=False)
    listing = paginate(request, timeline, ENTRIES_PER_PAGE)
    pinned = with_bodies(list(entries(page, pinned=True))) if listing.number == 1 else []
    shown = with_bodies(list(listing.object_list))
    return {
        "authors": list(page.authors.select_related("photo")),
        "pinned_entries": pinned,
        "entries": shown,
        # The first page holds the newest entries, key or not.
        "updated_at": newest_post([*pinned, *shown]) if listing.number == 1 else None,
        "listing": listing,
        "poll_seconds": poll_seconds(),
        **fragment_context(request, request.path if request else page.url),
    }


def newest_post(shown) -> datetime | None:
    """When the newest of the entries `shown` was posted, or the last of them changed
    (« Mis à jour le … »), or None."""
    moments = [moment for entry in shown for moment in (entry.posted_at, entry.edited_at)]
    return max(filter(None, moments), default=None)


def poll_seconds() -> int:
    """Seconds between two questions of a reader's page for new entries."""
    return int(getattr(settings, "QUOTIDIEN_LIVE_POLL_SECONDS", POLL_SECONDS))


def entries_state(page: LivePage) -> tuple[int, object]:
    """How many entries the page has and when one last changed: what the JSON answer's
    validators are made of (a deletion changes the count)."""
    state = page.entries.order_by().aggregate(count=Count("pk"), changed=Max("updated_at"))
    return state["count"], state["changed"]


def open_live_page_ids() -> list[int]:
    """Ids of the live pages whose coverage goes on, read from the live pages' own table:
    a handful of rows, where a filter on the pages' tree would go through every article
    of a section to find them."""
    return list(
        LivePage.objects.filter(coverage_ended_at__isnull=True)
        .order_by()
        .values_list("pk", flat=True)
    )


def open_live_pages(limit: int | None = None) -> list[LivePage]:
    """The published, public live pages whose coverage goes on, the latest started first."""
    if not (ids := open_live_page_ids()):
        return []
    pages = (
        LivePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )
    return list(pages[:limit])


def open_live_pages_in(section: Page) -> list[LivePage]:
    """The open live pages of `section` and its sub-sections, the latest started first,
    each with `latest_entry` (see `with_latest_entry`)."""
    if not (ids := open_live_page_ids()):
        return []
    pages = with_latest_entry(
        LivePage.objects.live()
        .public()
        .filter(news_queries.in_section(section.path), pk__in=ids)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )
    return list(pages)


def banner_pages(request=None) -> list[LivePage]:
    """The front page's "En direct" banner, kept until something is published."""
    return BANNERS.get(None, lambda: open_live_pages(BANNER_SIZE), request=request)


def with_latest_entry(pages: QuerySet[LivePage]) -> QuerySet[LivePage]:
    """`pages` each with `latest_entry`: when its newest entry was posted or an entry was
    last changed (`models.entries_changed_at`), or None."""
    return pages.annotate(latest_entry=entries_changed_at("entries__"))


def feed_live_page_dates(scope: Page, limit: int) -> list[tuple[int, datetime]]:
    """(id, last change) of the latest live, public live pages under `scope`, newest first:
    the last change is the newest entry, else the page's last publication."""
    pages = (
        with_latest_entry(
            LivePage.objects.live().public().filter(news_queries.in_section(scope.path))
        )
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "latest_entry", "last_published_at")[:limit]
    )
    return [(pk, max(filter(None, [entry, published]))) for pk, entry, published in pages]


def feed_live_pages(ids: list[int], request=None) -> list[LivePage]:
    """The live pages `ids` with what a feed item shows (section, photo, authors) and the
    time of their newest entry (`updated_at`)."""
    if not ids:
        return []
    pages = list(
        with_latest_entry(_shown_with_photo_and_authors(LivePage.objects.filter(pk__in=ids)))
    )
    news_queries.attach_sections(pages, news_queries.section_map(request))
    for page in pages:
        page.updated_at = max(filter(None, [page.latest_entry, page.last_published_at]))
        # Feed readers show categories as labels: this one says the story is live.
        page.tag_names = [_("En direct")]
    return pages


def live_page_cards(ids: list[int], request=None) -> list[LivePage]:
    """The live, public live pages of `ids` with what a card shows (section, kicker, photo,
    authors), in the order of `ids`: two queries and a prefetch, whatever their number."""
    if not ids:
        return []
    pages = _shown_with_photo_and_authors(
        LivePage.objects.live().public().filter(pk__in=ids)
    ).in_bulk()
    cards = [pages[pk] for pk in ids if pk in pages]
    news_queries.attach_sections(cards, news_queries.section_map(request))
    return cards


def _shown_with_photo_and_authors(pages: QuerySet) -> QuerySet:
    """`pages` with what a card or a feed item shows of them: the photo, its renditions
    of the cards' sizes and the authors, in one query and two prefetches. (A live page has
    no StreamField to defer: its entries are in their own table.)"""
    return pages.select_related("lead_image").prefetch_related(
        "authors",
        Prefetch(
            "lead_image__renditions",
            queryset=NewsRendition.objects.filter(filter_spec__in=CARD_SPECS),
        ),
    )
