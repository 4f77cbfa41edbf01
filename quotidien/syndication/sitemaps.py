"""Sitemaps of the whole archive and its authors, and the Google News sitemap of the last 48 hours.

Django's sitemap framework paginates each sitemap in chunks of `limit` URLs
(50,000, the protocol's maximum) listed by the sitemap index. Items are read
lean: one row of (url_path, dates) per page, ordered by primary key and fetched
one chunk at a time, URLs derived from `url_path` and the site root. Producing
any chunk costs the same memory whatever the size of the archive.
"""

from datetime import datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import DateTimeField, Max, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import Page

from quotidien.corrections.models import Correction
from quotidien.links import path_from_url_path, site_url
from quotidien.live.models import LiveEntry, LivePage, entries_changed_at
from quotidien.news.models import ArticlePage, Author, HomePage, SectionPage
from quotidien.text import without_control_characters

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most this many URLs from one news sitemap.
NEWS_LIMIT = 1000
# Rows fetched from the database at a time while a chunk is built.
FETCH_SIZE = 2000


class SitemapUrl(NamedTuple):
    """One URL of a sitemap chunk, as the template shows it."""

    location: str
    lastmod: datetime | None


class PageSitemap(Sitemap):
    """Live, public pages of some types under the site's home page, by primary key."""

    page_types: tuple[type[Page], ...] = ()
    fields = ("url_path", "last_published_at")

    def __init__(self, *, root: Page):
        self.root = root

    def pages(self):
        return (
            Page.objects.live()
            .public()
            .descendant_of(self.root, inclusive=True)
            .type(*self.page_types)
        )

    def items(self):
        return self.pages().order_by("pk").values_list(*self.fields, named=True)

    def location(self, item) -> str:
        return iri_to_uri(path_from_url_path(item.url_path, root_url_path=self.root.url_path))

    def lastmod(self, item):
        return item.last_published_at

    def get_latest_lastmod(self):
        return self.pages().order_by().aggregate(newest=Max("last_published_at"))["newest"]

    def get_urls(self, page=1, site=None, protocol=None) -> list[SitemapUrl]:
        """The URLs of chunk `page`, read a few thousand rows at a time.

        Django's own version keeps, for each URL, the row, a dict and the fields
        this sitemap does not use: several times the memory for 50,000 URLs.
        Pagination (and its errors for a page that does not exist) is Django's.
        """
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        rows = self.paginator.page(page).object_list.iterator(chunk_size=FETCH_SIZE)
        return [SitemapUrl(base + self.location(row), self.lastmod(row)) for row in rows]

    # Every URL is on the paper's public address, whatever host the sitemap was asked on.
    def get_protocol(self, protocol=None) -> str:
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(site_url()).netloc


class SectionSitemap(PageSitemap):
    """The front page and the sections."""

    page_types = (HomePage, SectionPage)


class ChangingPageSitemap(PageSitemap):
    """Pages that change after their publication without being published again (corrected,
    a live page given an entry): their lastmod is the latest of these dates."""

    fields = ("url_path", "last_published_at", "corrected_at", "changed_at")

    def changed_at(self):
        """An expression of a page's last change of its own kind (a live page's newest
        entry), for annotate(); none by default."""
        return Value(None, output_field=DateTimeField())

    def newest_own_change(self):
        """The last such change among all the pages of the sitemap, or None."""
        return None

    def newest_change(self):
        """The last change after publication of any page of the sitemap, its corrections
        included, or None."""
        dates = (self.newest_own_change(), newest_correction(self.pages()))
        return max((date for date in dates if date), default=None)

    def items(self):
        # Corrections are few: one look-up in their (article, date) index per page.
        newest = Correction.objects.filter(article=OuterRef("pk")).order_by("-published_at")
        return (
            self.pages()
            .annotate(
                changed_at=self.changed_at(),
                corrected_at=Subquery(newest.values("published_at")[:1]),
            )
            .order_by("pk")
            .values_list(*self.fields, named=True)
        )

    def lastmod(self, item):
        dates = (item.changed_at, item.corrected_at, item.last_published_at)
        return max(date for date in dates if date)

    def get_latest_lastmod(self):
        dates = (self.newest_change(), super().get_latest_lastmod())
        return max((date for date in dates if date), default=None)


def newest_correction(pages) -> datetime | None:
    """When the latest correction of one of `pages` was published, or None."""
    corrections = Correction.objects.filter(article__in=pages.values("pk"))
    return corrections.aggregate(newest=Max("published_at"))["newest"]


class ArticleSitemap(ChangingPageSitemap):
    """Every live article of the archive, changed when last published or corrected."""

    page_types = (ArticlePage,)


class LiveSitemap(ChangingPageSitemap):
    """Every live page (quotidien.live), changed when last published, given an entry,
    when an entry was changed after its first minutes, or corrected."""

    page_types = (LivePage,)

    def changed_at(self):
        return entries_changed_at("livepage__entries__")

    def newest_own_change(self):
        entries = LiveEntry.objects.filter(page__in=self.pages().values("pk"))
        return entries.aggregate(newest=entries_changed_at(""))["newest"]


class NewsSitemap(PageSitemap):
    """Articles and live pages first published in the last 48 hours, newest first, for
    Google News."""

    page_types = (ArticlePage, LivePage)
    fields = ("url_path", "title", "first_published_at", "last_published_at")
    limit = NEWS_LIMIT

    def pages_of_any_age(self):
        return super().pages()

    def pages(self):
        return self.pages_of_any_age().filter(first_published_at__gte=timezone.now() - NEWS_WINDOW)

    def items(self):
        return (
            self.pages()
            .order_by("-first_published_at", "-pk")
            .values_list(*self.fields, named=True)[:NEWS_LIMIT]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # Django's entries keep each row, whose title and dates the news template shows.
        urls = Sitemap.get_urls(self, page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication"] = {"name": settings.WAGTAIL_SITE_NAME, "language": "fr"}
            # A headline stored with a control character must not make the sitemap invalid.
            url["item"] = url["item"]._replace(title=without_control_characters(url["item"].title))
        return urls


class AuthorSitemap(PageSitemap):
    """The pages of the authors who signed a live, public article, changed with their latest."""

    fields = ("slug", "last_published_at")

    def pages(self):
        """The authors' articles, as `PageSitemap.pages()` gives the site's pages."""
        return ArticlePage.objects.live().public().descendant_of(self.root)

    def authors(self):
        return Author.objects.annotate(
            last_published_at=Max(
                "articlepage__last_published_at",
                filter=Q(articlepage__in=self.pages().values("pk")),
            )
        ).filter(last_published_at__isnull=False)

    def items(self):
        return self.authors().order_by("pk").values_list(*self.fields, named=True)

    def location(self, item) -> str:
        return reverse("author", args=[item.slug])

    def get_latest_lastmod(self):
        return (
            self.pages()
            .filter(authors__isnull=False)
            .order_by()
            .aggregate(newest=Max("last_published_at"))["newest"]
        )


def newest_publication(*, root: Page):
    """When a page of the site was last published or republished, a live page (whose date
    in the sitemap is its newest entry's) got an entry, or an article or a live page was
    corrected."""
    published = (
        Page.objects.live()
        .descendant_of(root, inclusive=True)
        .order_by()
        .aggregate(newest=Max("last_published_at"))["newest"]
    )
    dates = (
        published,
        LiveSitemap(root=root).newest_own_change(),
        # The articles' and live pages' corrections, in one look-up.
        newest_correction(NewsSitemap(root=root).pages_of_any_age()),
    )
    return max((date for date in dates if date), default=None)


def newest_news(*, root: Page):
    """When the news sitemap last changed: a publication in its window, or a departure from it.

    An article leaves the sitemap 48 hours after its publication, which no page
    records: the last departure is the newest publication older than the window,
    plus the window.
    """
    since = timezone.now() - NEWS_WINDOW
    departed = (
        NewsSitemap(root=root)
        .pages_of_any_age()
        .filter(first_published_at__lt=since)
        .order_by()
        .aggregate(newest=Max("first_published_at"))["newest"]
    )
    dates = [
        NewsSitemap(root=root).get_latest_lastmod(),
        departed + NEWS_WINDOW if departed else None,
    ]
    return max((date for date in dates if date is not None), default=None)


def archive_sitemaps(*, root: Page) -> dict[str, PageSitemap]:
    """The sections of the sitemap index, by the name used in their URL; live pages once
    the site has one."""
    sitemaps = {
        "rubriques": SectionSitemap(root=root),
        "auteurs": AuthorSitemap(root=root),
        "articles": ArticleSitemap(root=root),
    }
    if (live := LiveSitemap(root=root)).pages().exists():
        sitemaps["directs"] = live
    return sitemaps
