"""An entry posted, changed or deleted outdates what shows it in the page cache.

Its live page and the page's JSON answer (one path); the feeds and sitemaps that date the
page by its newest entry are outdated by quotidien.syndication. Not the front page, whose
"En direct" banner shows no time for that reason (see templates/live/banner.html):
outdating it would outdate every page of the site. The page's own publication outdates
the whole site already (quotidien.pagecache.signals).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.pagecache.signals import outdate_article

from .models import LiveEntry


def outdate_live_page(entry: LiveEntry) -> None:
    """Outdate the live page of `entry` and its JSON answer.

    Entries deleted with their page find it gone: its deletion outdated the whole site.
    """
    outdate_article(LiveEntry, article_id=entry.page_id)


@receiver(post_save, sender=LiveEntry)
@receiver(post_delete, sender=LiveEntry)
def _entry_changed(instance: LiveEntry, **kwargs) -> None:
    outdate_live_page(instance)
