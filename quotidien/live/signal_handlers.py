"""An entry posted, changed or deleted outdates what shows it in the page cache.

Its live page and the page's JSON answer (one path), the feeds that date the page by its
newest entry, and the sitemaps that do. Not the front page, whose "En direct" banner
shows no time for that reason (see templates/live/banner.html): outdating it would
outdate every page of the site. The page's own publication outdates the whole site
already (quotidien.pagecache.signals).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from quotidien.pagecache.signals import outdate_article
from quotidien.syndication.freshness import outdate_listings

from .models import LiveEntry


def outdate_live_page(entry: LiveEntry) -> None:
    """Outdate the live page of `entry`, its JSON answer and the listings dated by it.

    Entries deleted with their page find it gone: its deletion outdated the whole site.
    """
    outdate_article(LiveEntry, article_id=entry.page_id)
    outdate_listings()


@receiver(post_save, sender=LiveEntry)
@receiver(post_delete, sender=LiveEntry)
def _entry_changed(instance: LiveEntry, **kwargs) -> None:
    outdate_live_page(instance)
