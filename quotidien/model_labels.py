"""Model classes named in settings by their labels ("news.ArticlePage"), as Django's
AUTH_USER_MODEL names one: an app names the models it works on without importing them."""

from functools import cache

from django.apps import apps
from django.db.models import Model


@cache
def models_named(labels: tuple[str, ...]) -> tuple[type[Model], ...]:
    """The classes of `labels`; kept per tuple of labels, so that a setting overridden (in
    a test) gives its own."""
    return tuple(apps.get_model(label) for label in labels)
