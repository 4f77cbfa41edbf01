"""Views of pages that ask to be counted, cache hits included, for whoever counts them.

A page served from the cache never enters Django, so a counter could not see its views
from a view or a middleware of its own. Instead, while Django serves the page, something
says what its views count with `count_views()` (the audience app names the article); the
page cache keeps that with the page, and each view answered in full (a GET answered 200,
by the cache or by Django) is announced by the `page_viewed` signal. The page cache knows
nothing of what is counted, nor by whom.
"""

from collections.abc import Hashable

from django.dispatch import Signal

# Sent with `meta` (the request's WSGI environ) and `counted` (what the page named).
page_viewed = Signal()


def count_views(request, counted: Hashable) -> None:
    """Have each view of the page `request` asks for announced with `counted`."""
    request.page_cache_counted = counted


def counted(request) -> Hashable | None:
    """What the views of the page `request` asks for count, None for nothing."""
    return getattr(request, "page_cache_counted", None)


def viewed(meta: dict, counted: Hashable | None, status: int) -> None:
    """Announce a view of a page whose views count `counted`, if it was answered in full."""
    if counted is not None and status == 200 and meta["REQUEST_METHOD"] == "GET":
        page_viewed.send(sender=None, meta=meta, counted=counted)
