"""Version tokens whose renewal the versions' store refused, for the worker to renew."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LostRenewal(models.Model):
    """A token (versions.py's key) that a change should have renewed while the store did
    not answer: the worker renews it once the store answers again (tasks.py)."""

    key = models.CharField(max_length=1000, unique=True)
    # The last change that could not renew it: a renewal made before it does not count.
    lost_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version de page à renouveler")
        verbose_name_plural = _("versions de pages à renouveler")

    def __str__(self) -> str:
        return self.key
