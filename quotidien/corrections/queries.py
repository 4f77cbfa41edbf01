"""Reads of the corrections used by the article page, its head, the corrections page and
its feed, and of the articles the right-of-reply form and « Ajouter un rectificatif » name.

« Article » stands for any page that may be corrected (settings.QUOTIDIEN_CORRECTABLE_PAGES):
an article or a live page. Outside this app the two are read as their own types; here as
pages, which carry all that a correction, a request or the corrections page needs (title,
address, dates).
"""

from datetime import datetime
from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from wagtail.models import Page, PageQuerySet, Site

from quotidien.model_labels import models_named
from quotidien.news.models import UPDATE_GRACE, ArticlePage

from .models import Correction, ReplyRequest


def correctable_models() -> tuple[type[Page], ...]:
    """The page types a correction or a reply may be added to."""
    return models_named(tuple(settings.QUOTIDIEN_CORRECTABLE_PAGES))


def is_correctable(page: Page) -> bool:
    return issubclass(page.specific_class or object, correctable_models())


def is_live(page: Page) -> bool:
    """Whether `page` is live coverage (its type says so with `is_live_coverage`): readers
    call it « le direct », not « l’article »."""
    return getattr(page.specific_class, "is_live_coverage", False)


def article_corrections(article: Page, request=None) -> list[Correction]:
    """The article's corrections, oldest first as they read down the page; read once per
    request, so that the page and its head share one query.

    Kept on the request, not on the article: the page object may outlive the request
    (quotidien.pagecache.reads keeps the page a URL names).
    """
    kept = getattr(request, "_quotidien_corrections", None) if request is not None else None
    if kept is not None and article.pk in kept:
        return kept[article.pk]
    corrections = list(Correction.objects.filter(article=article.pk).order_by("published_at", "pk"))
    if request is not None:
        if kept is None:
            kept = request._quotidien_corrections = {}
        kept[article.pk] = corrections
    return corrections


def last_corrected_at(article: Page, request=None) -> datetime | None:
    """When the article's latest correction was published, if it has one."""
    return max((c.published_at for c in article_corrections(article, request)), default=None)


def modified_at(article: Page, request=None) -> datetime | None:
    """When the article last changed for its readers: its last publication or its latest
    correction, whichever is later (schema.org's `dateModified`)."""
    moments = [article.last_published_at or article.first_published_at]
    moments.append(last_corrected_at(article, request))
    return max((moment for moment in moments if moment), default=None)


def updated_at(article: ArticlePage, request=None) -> datetime | None:
    """The article's « Mis à jour le » date: its latest correction or its republication
    after the first, whichever is later; None when neither happened, or only within
    UPDATE_GRACE of the first publication (the page would show the same time twice)."""
    corrected, first = last_corrected_at(article, request), article.first_published_at
    late = corrected and (first is None or corrected - first > UPDATE_GRACE)
    moments = [corrected] if late else []
    if article.was_updated:
        moments.append(article.last_published_at)
    return max((moment for moment in moments if moment), default=None)


def live_articles() -> PageQuerySet:
    """The live articles and live pages, as pages."""
    return Page.objects.live().type(*correctable_models())


def public_articles() -> PageQuerySet:
    """The articles and live pages any reader may open: live and under no view
    restriction (password, private, groups)."""
    return live_articles().public()


def published_corrections() -> QuerySet[Correction]:
    """Every correction of a live, public article or live page, newest first, with its
    page's title and path (a page row, never the body). A restricted article's corrections
    stay with it."""
    return (
        Correction.objects.filter(article__in=public_articles().values("pk"))
        .select_related("article")
        .order_by("-published_at", "-pk")
    )


def corrected_among(pages) -> list[Page]:
    """Those of `pages` that carry a correction, or have a page below them that does: the
    tree paths of the corrected pages under any of them, read at once."""
    pages = list(pages)
    if not pages:
        return []
    under = reduce(or_, (Q(article__path__startswith=page.path) for page in pages))
    paths = set(Correction.objects.filter(under).values_list("article__path", flat=True))
    return [page for page in pages if any(path.startswith(page.path) for path in paths)]


def open_reply_requests() -> QuerySet[ReplyRequest]:
    """The requests still to handle, the most urgent first."""
    return ReplyRequest.objects.filter(status__in=ReplyRequest.OPEN_STATUSES).order_by(
        "deadline", "pk"
    )


# The largest primary key a BigAutoField holds.
PK_MAX = 2**63 - 1


def article_pk(text: str | None) -> int | None:
    """The article id a query string gives (`?article=12`), or None when it is no id."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(PK_MAX)):
        return None
    pk = int(text)
    return pk if 0 < pk <= PK_MAX else None


def live_article(pk_text: str | None, *, public: bool = True) -> Page | None:
    """The live article or live page whose id is `pk_text`, as a page; only one any reader
    may open unless `public` is False (the back office corrects restricted articles too)."""
    if (pk := article_pk(pk_text)) is None:
        return None
    articles = public_articles() if public else live_articles()
    return articles.filter(pk=pk).first()


def article_at(address: str, request) -> Page | None:
    """The live, public article or live page of this paper at `address` (a URL of this
    site or a path), as a page."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # « http://[ », an unclosed IPv6 host
        return None
    if parts.scheme not in ("", "http", "https"):
        return None
    allowed_hosts = {request.get_host().lower(), urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc}
    if parts.netloc and parts.netloc.lower() not in allowed_hosts:
        return None
    site = Site.find_for_request(request)
    if site is None or not parts.path.startswith("/"):
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    url_path = site.root_page.url_path + path.lstrip("/")
    return public_articles().filter(url_path=url_path).first()
