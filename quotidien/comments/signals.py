"""Sent when what readers see of an article's comments changes (for caches and counts)."""

from django.dispatch import Signal

# Sent with `article_id` once the change is committed.
comments_changed = Signal()
