"""Wagtail's publishing signals keep the search index in step with the site."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.news.models import ArticlePage

from .indexing import index_articles, remove_articles
from .tasks import index_moved_page


def article_published(sender, instance, **kwargs) -> None:
    index_articles(ids=[instance.pk])


def article_unpublished(sender, instance, **kwargs) -> None:
    remove_articles(ids=[instance.pk])


def page_moved(sender, instance, **kwargs) -> None:
    """A moved section or article: the worker files its articles under their new path (a
    section may hold years of them: too long for the editor's request)."""
    # Enqueued at once, not on commit: Wagtail sends post_page_move once the move's own
    # transaction is over, and the database queue stores the task in any transaction still
    # around the move, so no worker sees the task before the move is committed.
    index_moved_page.enqueue(instance.pk)


def connect() -> None:
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="search-published")
    page_unpublished.connect(
        article_unpublished, sender=ArticlePage, dispatch_uid="search-unpublished"
    )
    post_page_move.connect(page_moved, dispatch_uid="search-moved")
