"""Adding, changing or deleting a correction outdates its article's page (and the pages
under it) and the corrections page with its feed; the feeds and sitemaps that date the
article by its latest correction are outdated by quotidien.syndication."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from quotidien.pagecache import versions
from quotidien.pagecache.signals import outdate_article

from .models import Correction


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def _correction_changed(instance: Correction, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: the article may not be there yet, no page was cached
        return
    versions.outdate_path(reverse("corrections:index"))
    # Reads the article again: deleting it deletes its corrections first.
    outdate_article(Correction, article_id=instance.article_id)
