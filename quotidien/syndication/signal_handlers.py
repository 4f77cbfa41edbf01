"""A live entry or a correction, added, changed or deleted, outdates the cached feeds and
sitemaps, which date a live page by its newest entry and an article by its latest
correction (`freshness.outdate_listings`). The pages themselves are outdated by their own
apps."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.corrections.models import Correction
from quotidien.live.models import LiveEntry

from .freshness import outdate_listings


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
@receiver(post_save, sender=LiveEntry)
@receiver(post_delete, sender=LiveEntry)
def _dated_item_changed(raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: no listing was cached
        return
    outdate_listings()
