"""Reads behind the feeds: which section or author a feed URL names, and the latest articles."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page

from quotidien.links import page_path, page_url, site_root
from quotidien.live import queries as live_queries
from quotidien.news import queries as news_queries
from quotidien.news.models import ArticlePage, ArticleTag, Author, SectionPage

FEED_SIZE = 50


@dataclass
class FeedSource:
    """What one feed lists: the whole paper (`section` None), one section or one author."""

    root: Page
    section: SectionPage | None
    request: HttpRequest | None = None
    ids: list[int] = field(default_factory=list)
    newest_publication: datetime | None = None
    author: Author | None = None
    # Live coverage of its scope, newest first (dated by its newest entry).
    live_page_ids: list[int] = field(default_factory=list)

    @property
    def scope(self) -> Page:
        return self.section or self.root


def section_for_feed(*, path: str, request=None) -> SectionPage:
    """The live section at `path` ("monde/syrie"), or a 404 saying so in French."""
    wanted = "/" + path.strip("/") + "/"
    for section in news_queries.section_map(request).values():
        if page_path(section, request) == wanted:
            return section
    raise Http404(
        _("Il n’y a pas de rubrique « %(path)s » : vérifiez l’adresse du flux.") % {"path": path}
    )


def feed_source(*, section_path: str | None, request=None) -> FeedSource:
    """The feed's scope and the ids of its latest live articles, newest first."""
    root = site_root(request)
    section = section_for_feed(path=section_path, request=request) if section_path else None
    source = FeedSource(root=root, section=section, request=request)
    source = _with_latest(source, news_queries.in_section(source.scope.path))
    return _with_live_pages(source)


def _with_live_pages(source: FeedSource) -> FeedSource:
    """`source` with the ids of the live pages of its scope; a new entry makes the feed
    newer. Only ids and dates: a conditional request answered 304 needs no more."""
    rows = live_queries.feed_live_page_dates(source.scope, FEED_SIZE)
    source.live_page_ids = [pk for pk, _updated in rows]
    dates = [source.newest_publication, *(updated for _pk, updated in rows)]
    source.newest_publication = max((date for date in dates if date), default=None)
    return source


def feed_live_pages(source: FeedSource) -> list:
    """The feed's live pages with what an item shows, each with its public URL."""
    pages = live_queries.feed_live_pages(source.live_page_ids, source.request)
    for page in pages:
        page.public_url = page_url(page, source.request)
    return pages


def author_feed_source(*, slug: str, request=None) -> FeedSource:
    """The feed of the author at `slug`: the ids of their latest live articles, newest first;
    a 404 saying so in French for an author the paper does not have."""
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        raise Http404(
            _("Il n’y a pas d’auteur « %(slug)s » : vérifiez l’adresse du flux.") % {"slug": slug}
        )
    source = FeedSource(root=site_root(request), section=None, request=request, author=author)
    return _with_latest(source, news_queries.in_section(source.root.path) & Q(authors=author))


def _with_latest(source: FeedSource, articles: Q) -> FeedSource:
    """`source` with the ids and the newest date of its latest live, public `articles`."""
    rows = list(
        ArticlePage.objects.live()
        .public()
        .filter(articles)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "last_published_at")[:FEED_SIZE]
    )
    source.ids = [pk for pk, _published in rows]
    source.newest_publication = max((when for _pk, when in rows if when), default=None)
    return source


def feed_articles(ids: list[int], request=None) -> list[ArticlePage]:
    """The articles of a feed with what an item shows: section, photo, byline, tags, URL.

    A fixed number of queries, whatever the number of articles.
    """
    articles = news_queries.article_cards(ids, request)
    tags: dict[int, list[str]] = {}
    for tagged in (
        ArticleTag.objects.filter(content_object_id__in=ids).select_related("tag").order_by("pk")
    ):
        tags.setdefault(tagged.content_object_id, []).append(tagged.tag.name)
    for article in articles:
        article.tag_names = tags.get(article.pk, [])
        article.public_url = page_url(article, request)
    return articles
