"""An article's entities are found again each time it is published (an edit replaces
them). Unpublished or deleted, an article leaves the entities' pages by itself: they show
live articles only."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from quotidien.news.models import ArticlePage

from .tasks import extract_entities


def enqueue_extraction(article_id: int) -> None:
    """Ask the worker for the article's entities once its publication is committed."""
    transaction.on_commit(partial(extract_entities.enqueue, article_id))


def article_published(sender, instance, **kwargs) -> None:
    enqueue_extraction(instance.pk)


def connect() -> None:
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="entities-published")
