"""Changing the paper's settings outdates every page, whose footer shows them.

The footer's pages need nothing here: publishing, unpublishing, moving or deleting a
page already outdates the whole site (quotidien.pagecache.signals).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.pagecache import versions

from .models import PaperSettings


@receiver(post_save, sender=PaperSettings)
@receiver(post_delete, sender=PaperSettings)
def _settings_changed(**kwargs) -> None:
    versions.outdate_site()
