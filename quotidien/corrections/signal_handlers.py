"""Adding, changing or deleting a correction outdates its article's page (and the pages
under it) and the corrections page with its feed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from quotidien.pagecache import versions
from quotidien.syndication.links import request_path

from .models import Correction


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def _correction_changed(instance: Correction, **kwargs) -> None:
    versions.outdate_path(reverse("corrections:index"))
    article = instance.article
    if (path := request_path(article)) is not None:
        versions.outdate_path(path)
