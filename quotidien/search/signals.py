"""Wagtail's publishing signals keep the search index in step with the site, and so do
view restrictions set or lifted, and the entries posted, changed or deleted on a live
page."""

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.live.models import LiveEntry, LivePage
from quotidien.news.models import ArticlePage, SectionPage

from .indexing import index_articles, remove_articles
from .tasks import index_articles_under


def article_published(sender, instance, **kwargs) -> None:
    index_articles(ids=[instance.pk])


def article_unpublished(sender, instance, **kwargs) -> None:
    remove_articles(ids=[instance.pk])


def entry_changed(sender, instance, origin=None, **kwargs) -> None:
    """An entry posted, changed or deleted: the worker indexes its live page again with
    the text of its entries (a long live may hold hundreds: not in the journalist's
    request), once committed. Not for the entries deleted with their page: the page
    leaves the index as it goes (Wagtail unpublishes a live page it deletes)."""
    if origin is not None and not _deletes_entries(origin):
        return
    page_id = instance.page_id
    transaction.on_commit(lambda: index_articles_under.enqueue(page_id))


def _deletes_entries(origin) -> bool:
    """Whether a deletion started from entries (one, or a queryset of them) rather than
    from their page or a section above it."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, LiveEntry)


def page_moved(sender, instance, **kwargs) -> None:
    """A moved section or article: the worker files its articles under their new path (a
    section may hold years of them: too long for the editor's request)."""
    # Enqueued at once, not on commit: Wagtail sends post_page_move once the move's own
    # transaction is over, and the database queue stores the task in any transaction still
    # around the move, so no worker sees the task before the move is committed.
    index_articles_under.enqueue(instance.pk)


def section_published(sender, instance, revision=None, **kwargs) -> None:
    """A section that changed who reads its articles in full: the worker indexes them
    again, as subscriber articles are indexed otherwise (see documents.py)."""
    previous = instance.revisions.order_by("-created_at", "-pk")
    if revision is not None:
        previous = previous.exclude(pk=revision.pk)
    previous = previous.first()
    # A section published for the first time holds no article yet.
    if previous is not None and previous.content.get("access", "") != instance.access:
        index_articles_under.enqueue(instance.pk)


def restriction_changed(sender, instance, **kwargs) -> None:
    """A view restriction set, changed or lifted on a page: the worker indexes the articles
    at and under it again, which takes them out of the index or puts them back (a section
    may hold years of them). Once committed: a worker could otherwise read the page's
    restrictions as they were."""
    transaction.on_commit(lambda: index_articles_under.enqueue(instance.page_id))


def connect() -> None:
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="search-published")
    page_unpublished.connect(
        article_unpublished, sender=ArticlePage, dispatch_uid="search-unpublished"
    )
    page_published.connect(article_published, sender=LivePage, dispatch_uid="search-live")
    page_unpublished.connect(
        article_unpublished, sender=LivePage, dispatch_uid="search-live-unpublished"
    )
    post_save.connect(entry_changed, sender=LiveEntry, dispatch_uid="search-entry-saved")
    post_delete.connect(entry_changed, sender=LiveEntry, dispatch_uid="search-entry-deleted")
    post_page_move.connect(page_moved, dispatch_uid="search-moved")
    page_published.connect(section_published, sender=SectionPage, dispatch_uid="search-section")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-set"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-lifted"
    )
