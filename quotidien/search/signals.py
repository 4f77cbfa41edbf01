"""Wagtail's publishing signals keep the search index in step with the site."""

from wagtail.signals import page_published, page_unpublished, post_page_move

from quotidien.news.models import ArticlePage

from .indexing import index_articles, index_in_batches, remove_articles


def article_published(sender, instance, **kwargs) -> None:
    index_articles(ids=[instance.pk])


def article_unpublished(sender, instance, **kwargs) -> None:
    remove_articles(ids=[instance.pk])


def page_moved(sender, instance, **kwargs) -> None:
    """A moved section or article: its articles are filed under their new path (a section
    may hold years of them, hence the batches)."""
    ids = (
        ArticlePage.objects.live()
        .descendant_of(instance, inclusive=True)
        .values_list("pk", flat=True)
    )
    index_in_batches(ids=ids)


def connect() -> None:
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="search-published")
    page_unpublished.connect(
        article_unpublished, sender=ArticlePage, dispatch_uid="search-unpublished"
    )
    post_page_move.connect(page_moved, dispatch_uid="search-moved")
