"""An entry posted, changed or deleted outdates what shows it in the page cache.

Its live page and the page's JSON answer (one path), the feeds that date the page by its
newest entry, and the sitemaps that do. Not the front page, whose "En direct" banner
shows no time for that reason (see templates/live/banner.html): outdating it would
outdate every page of the site. The page's own publication outdates the whole site
already (quotidien.pagecache.signals).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from quotidien.pagecache import versions
from quotidien.syndication.links import request_path

from .models import LiveEntry, LivePage


def listing_paths() -> list[str]:
    """The feeds (each section's lies under them) and the sitemaps that list live pages."""
    return [
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("sitemap"),
        reverse("sitemap-section", args=["directs"]),
    ]


def outdate_live_page(entry: LiveEntry) -> None:
    """Outdate the live page of `entry`, its JSON answer and the listings dated by it.

    Entries deleted with their page find it gone: its deletion outdated the whole site.
    """
    page = LivePage.objects.filter(pk=entry.page_id).first()
    if page is not None and (path := request_path(page)) is not None:
        versions.outdate_path(path)
    # A path's own token is the last of its keys ("/sitemap.xml" has no trailing slash).
    versions.bump(*(versions.path_keys(path)[-1] for path in listing_paths()))


@receiver(post_save, sender=LiveEntry)
@receiver(post_delete, sender=LiveEntry)
def _entry_changed(instance: LiveEntry, **kwargs) -> None:
    outdate_live_page(instance)
