"""When feeds and sitemaps last changed, for Last-Modified, ETag and 304 responses.

A feed or a sitemap changes when a page is published or republished (its
`last_published_at` moves) and also when one is withdrawn, moved or restricted,
which leaves no date on the remaining pages: those events are read from
Wagtail's page log. Both reads use indexes, so answering a conditional request
costs two small queries and no rendering.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.db.models import Max
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition
from wagtail.models import PageLogEntry

from quotidien.links import site_url
from quotidien.pagecache import versions

# Page log actions after which a listing may show, lose or move an item.
LISTING_EVENTS = (
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)
# Feed readers and crawlers may keep a copy this long before asking again.
MAX_AGE = 5 * 60
# Bump when the markup of feeds or sitemaps changes, so that caches let go of old copies.
FORMAT_VERSION = "1"


def last_log_event() -> datetime | None:
    """When a page was last published, withdrawn, moved or restricted, by Wagtail's log."""
    return (
        PageLogEntry.objects.filter(action__in=LISTING_EVENTS)
        .order_by()
        .aggregate(newest=Max("timestamp"))["newest"]
    )


def last_change(*, published: datetime | None) -> datetime | None:
    """The later of `published` (the newest publication listed) and the last log event."""
    dates = [date for date in (published, last_log_event()) if date is not None]
    return max(dates, default=None)


def etag_for(*, path: str, changed: datetime | None) -> str:
    """A validator that changes with the content: the URL asked for and when it last changed."""
    stamp = changed.isoformat() if changed else "-"
    key = "|".join([FORMAT_VERSION, site_url(), path, stamp])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def conditional(changed_at: Callable[..., datetime | None]):
    """Decorate a view with Last-Modified, ETag, Cache-Control and 304 answers.

    `changed_at(request, *args, **kwargs)` says when the view's content last
    changed; it is called once per request, before the view, and may raise
    Http404. The view's own Last-Modified (Django's feeds and sitemaps set one
    from the items they list) is replaced by this one, so that the date given
    out is the date compared on the next request.
    """

    def decorator(view):
        def cached_change(request, *args, **kwargs):
            if not hasattr(request, "_syndication_changed"):
                request._syndication_changed = changed_at(request, *args, **kwargs)
            return request._syndication_changed

        def etag(request, *args, **kwargs):
            return etag_for(
                path=request.get_full_path(), changed=cached_change(request, *args, **kwargs)
            )

        @wraps(view)
        def without_own_date(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response.headers.pop("Last-Modified", None)
            return response

        conditional_view = condition(etag_func=etag, last_modified_func=cached_change)(
            without_own_date
        )

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = conditional_view(request, *args, **kwargs)
            if response.status_code in (200, 304):
                patch_cache_control(response, public=True, max_age=MAX_AGE)
            return response

        return wrapper

    return decorator


def outdate_listings() -> None:
    """Outdate the cached feeds (each section's lies under the site's) and sitemaps, for a
    change they date an item by that is no publication: a live entry, a correction."""
    paths = (reverse("feed-rss"), reverse("feed-atom"), reverse("sitemap"))
    sitemaps = [reverse("sitemap-section", args=[name]) for name in ("articles", "directs")]
    # A path's own token is the last of its keys ("/sitemap.xml" has no trailing slash).
    versions.bump(*(versions.path_keys(path)[-1] for path in (*paths, *sitemaps)))
