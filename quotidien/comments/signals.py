"""Sent when what readers see of an article's comments changes (for caches and counts)."""

from django.dispatch import Signal

# Sent with `article_id` as the change is made (page versions are renewed again at commit).
comments_changed = Signal()
