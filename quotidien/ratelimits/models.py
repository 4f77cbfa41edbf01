"""Counters of the rate limits when no Redis is configured: one row per key and window."""

from django.db import models


class Counter(models.Model):
    """How many times `key` was counted in the window that ends at `expires_at`."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "compteur de limite"
        verbose_name_plural = "compteurs de limite"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
