"""Reads of the corrections used by the article page, its head, the corrections page and
its feed."""

from datetime import datetime

from django.db.models import QuerySet

from quotidien.news.models import ArticlePage

from .models import Correction, ReplyRequest


def article_corrections(article: ArticlePage, request=None) -> list[Correction]:
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


def last_corrected_at(article: ArticlePage, request=None) -> datetime | None:
    """When the article's latest correction was published, if it has one."""
    return max((c.published_at for c in article_corrections(article, request)), default=None)


def modified_at(article: ArticlePage, request=None) -> datetime | None:
    """When the article last changed for its readers: its last publication or its latest
    correction, whichever is later (schema.org's `dateModified`)."""
    moments = [article.last_published_at or article.first_published_at]
    moments.append(last_corrected_at(article, request))
    return max((moment for moment in moments if moment), default=None)


def updated_at(article: ArticlePage, request=None) -> datetime | None:
    """The article's « Mis à jour le » date: its latest correction or its republication
    after the first, whichever is later; None when neither happened."""
    corrected, first = last_corrected_at(article, request), article.first_published_at
    moments = [corrected] if corrected and (first is None or corrected > first) else []
    if article.was_updated:
        moments.append(article.last_published_at)
    return max((moment for moment in moments if moment), default=None)


def published_corrections() -> QuerySet[Correction]:
    """Every correction of a live article, newest first, with its article's headline and
    path (never its body)."""
    return (
        Correction.objects.filter(article__live=True)
        .select_related("article")
        .defer("article__body")
        .order_by("-published_at", "-pk")
    )


def open_reply_requests() -> QuerySet[ReplyRequest]:
    """The requests still to handle, the most urgent first."""
    return ReplyRequest.objects.filter(status__in=ReplyRequest.OPEN_STATUSES).order_by(
        "deadline", "pk"
    )


def live_article(pk: int) -> ArticlePage | None:
    """The live article `pk`, without its body."""
    return ArticlePage.objects.live().filter(pk=pk).defer_streamfields().first()
