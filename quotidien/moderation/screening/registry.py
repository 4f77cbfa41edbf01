"""The rules in force, built from settings.MODERATION_RULES as Django builds its password
validators from AUTH_PASSWORD_VALIDATORS.

Each entry names a `Rule` class by its dotted path (NAME) and may give it keyword
arguments (OPTIONS)::

    MODERATION_RULES = [
        {"NAME": "quotidien.moderation.screening.words.BannedWords"},
        {"NAME": "quotidien.moderation.screening.shouting.Shouting", "OPTIONS": {"share": 0.7}},
    ]

The rules run in the order listed; their findings keep that order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .base import Rule


def get_rules(config: Iterable[Mapping]) -> list[Rule]:
    """The rules described by `config`, a list of NAME and OPTIONS entries, built."""
    rules = []
    for entry in config:
        try:
            name = entry["NAME"]
        except (KeyError, TypeError):
            raise ImproperlyConfigured(
                f"Each entry of MODERATION_RULES must be a dict with a NAME: {entry!r}."
            ) from None
        try:
            klass = import_string(name)
        except ImportError:
            raise ImproperlyConfigured(
                f"The rule in NAME could not be imported: {name}. "
                "Check your MODERATION_RULES setting."
            ) from None
        try:
            rule = klass(**entry.get("OPTIONS", {}))
        except TypeError as error:
            raise ImproperlyConfigured(
                f"The rule {name} does not accept the OPTIONS given in MODERATION_RULES: {error}"
            ) from error
        if not callable(getattr(rule, "check", None)):
            raise ImproperlyConfigured(
                f"{name} is not a screening rule: it has no check(text, context) method."
            )
        rules.append(rule)
    return rules


@functools.cache
def configured_rules() -> tuple[Rule, ...]:
    """The rules named in settings.MODERATION_RULES, built once per process: a rule may
    load a model or compile patterns, which is not to be done for each comment."""
    return tuple(get_rules(settings.MODERATION_RULES))


@receiver(setting_changed)
def _forget_configured_rules(*, setting: str, **kwargs) -> None:
    if setting == "MODERATION_RULES":
        configured_rules.cache_clear()
