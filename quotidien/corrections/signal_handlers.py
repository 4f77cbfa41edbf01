"""Adding, changing or deleting a correction outdates its article's page (and the pages
under it) and the corrections page with its feed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.models import Page

from quotidien.pagecache import versions
from quotidien.syndication.links import request_path

from .models import Correction


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def _correction_changed(instance: Correction, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: the article may not be there yet, no page was cached
        return
    versions.outdate_path(reverse("corrections:index"))
    # Read again: deleting the article deletes its corrections first.
    article = Page.objects.filter(pk=instance.article_id).first()
    if article is not None and (path := request_path(article)) is not None:
        versions.outdate_path(path)
