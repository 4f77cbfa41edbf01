"""Version tokens that tell whether a cached page still shows what the site would show.

A page depends on the whole site's token (anything published, unpublished, moved or
re-signed changes it) and on one token per prefix of its path, so that a new comment
on the article at /liban/titre/ outdates /liban/titre/ and /liban/titre/commentaires/
and nothing else. Tokens live in a cache every web process shares; a token that went
missing is replaced by a new one, which outdates the pages that depended on it.
"""

import uuid

from django.core.cache import caches

SITE = "site"


def path_keys(path: str) -> list[str]:
    """The site token and one token per prefix of `path` ("/a/", "/a/b/", …)."""
    parts = [part for part in path.split("/") if part]
    prefixes = ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]
    return [SITE, *(f"path:{prefix}" for prefix in prefixes)]


def current(keys: list[str]) -> dict[str, str]:
    store = caches["versions"]
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, uuid.uuid4().hex)
            found[key] = store.get(key)
    return found


def bump(*keys: str) -> None:
    """Outdate every cached page that depends on one of `keys`."""
    caches["versions"].set_many({key: uuid.uuid4().hex for key in keys})


def outdate_site(**kwargs) -> None:
    bump(SITE)


def outdate_path(url_path: str) -> None:
    """Outdate the pages at `url_path` and under it (e.g. an article and its comments)."""
    bump(f"path:{url_path}")
