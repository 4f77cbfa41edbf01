"""Addresses waiting to be purged from the caching proxies and CDNs in front of the site."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Longer addresses are purged through their site's root (see `pending.record`).
MAX_URL_LENGTH = 2000


class PendingPurge(models.Model):
    """An address to purge, with everything under it, once the worker comes to it.

    One row per address, so that a burst of changes to the same pages makes one purge.
    A run of the worker claims the rows it sends (`claimed_by`, until `claimed_until`) and
    deletes them once the proxies accepted their purge: the rows of a run that died are
    taken again by the next run once its claim has run out.
    """

    url = models.CharField(max_length=MAX_URL_LENGTH, unique=True)
    # Purges of this address that failed so far; it waits until `due_at` for the next.
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The run sending this address's purge, and until when the others leave it to that run.
    claimed_by = models.CharField(max_length=32, blank=True, default="")
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("adresse à purger")
        verbose_name_plural = _("adresses à purger")

    def __str__(self) -> str:
        return self.url
