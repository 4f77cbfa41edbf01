"""An article's entities are found again each time it is published (an edit replaces
them). Unpublished or deleted, an article leaves the entities' pages by itself: they show
live articles only.

A task backend that runs tasks at once (`ImmediateBackend`, without a worker) would load
spaCy's model in the process that publishes, a web worker: publishing then asks for no
entities (`quotidien extract_entities --missing` finds them, in its own process), unless
the setting QUOTIDIEN_ENTITIES_IMMEDIATE says to.
"""

import functools
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.signals import page_published

from quotidien.news.models import ArticlePage

from .tasks import extract_entities

logger = logging.getLogger(__name__)


@functools.cache
def _warn_not_extracting() -> None:
    logger.warning(
        "The task backend runs tasks at once, in the process that publishes: published "
        "articles get no entities. Run `quotidien extract_entities --missing`, or set "
        "QUOTIDIEN_ENTITIES_IMMEDIATE to find them while publishing."
    )


def may_enqueue_extraction() -> bool:
    """Whether publishing may ask for the entities: not when that would run spaCy in the
    process that publishes, unless the settings say so."""
    if not isinstance(extract_entities.get_backend(), ImmediateBackend):
        return True
    if getattr(settings, "QUOTIDIEN_ENTITIES_IMMEDIATE", False):
        return True
    _warn_not_extracting()
    return False


def enqueue_extraction(article_id: int) -> None:
    """Ask the worker for the article's entities once its publication is committed."""
    if may_enqueue_extraction():
        transaction.on_commit(partial(extract_entities.enqueue, article_id))


def article_published(sender, instance, **kwargs) -> None:
    enqueue_extraction(instance.pk)


def connect() -> None:
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="entities-published")
