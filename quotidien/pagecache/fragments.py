"""Parts of a page kept rendered between changes, for readers the page cache cannot serve.

A logged-in reader's page is their own (their name, their forms), but most of an article
page (the article itself, its "Lire aussi") is the same for every reader who may read it:
Django's `{% cache %}` tag keeps those parts in the pages' cache, under keys that carry
the version tokens of the page's path, so that whatever outdates the cached page outdates
its parts too. A preview shows a draft: its parts are neither kept nor taken from the cache.
A page the page cache is about to keep whole (an anonymous reader's) takes the parts it
finds, but keeps none: they would only double the page in memory.
"""

import uuid

from . import versions

FRAGMENT_SECONDS = 24 * 3600


# Where the parts are kept, and the cache that keeps nothing, for a page whose parts may
# not be read nor kept (a preview, the versions unreadable): no round trip for nothing.
STORE = "pages"
NOWHERE = "fragments-off"


def fragment_context(request, path: str) -> dict:
    """`fragment_seconds`, `fragment_version` and `fragment_cache` for the page at `path`,
    for templates:
    ``{% cache fragment_seconds "name" page.pk fragment_version using=fragment_cache %}``."""
    if getattr(request, "is_preview", False):
        return _not_kept()
    try:
        tokens = versions.current(versions.path_keys(path))
    except versions.Unavailable:
        # Nothing kept can be known to be current (versions.py): every part is rendered.
        return _not_kept()
    return {
        "fragment_seconds": 0 if getattr(request, "page_cache_keeps", False) else FRAGMENT_SECONDS,
        "fragment_version": ":".join(tokens[key] for key in sorted(tokens)),
        "fragment_cache": STORE,
    }


def _not_kept() -> dict:
    return {"fragment_seconds": 0, "fragment_version": uuid.uuid4().hex, "fragment_cache": NOWHERE}
