"""Version tokens that tell whether a cached page still shows what the site would show.

A page depends on the whole site's token (anything published, unpublished, moved or
re-signed changes it) and on one token per prefix of its path, so that a new comment
on the article at /liban/titre/ outdates /liban/titre/ and /liban/titre/commentaires/
and nothing else. Tokens live in a cache every web process shares; a token that went
missing is replaced by a new one, which outdates the pages that depended on it.

Without Redis, every process that changes tokens runs on this machine: each change also
renews a stamp they all read in shared memory, so a web process keeps the tokens it read
while the stamp stands still, and a cached page costs no query. It reads them again at
least every `MEMO_SECONDS`, which bounds how late a change made from another machine
(sharing the database but not the stamp) could show.
"""

import functools
import threading
import time
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import Signal, receiver

from .stamp import ChangeStamp

SITE = "site"
MEMO_SECONDS = 1.0
MEMO_MAX_TOKENS = 10_000

# Sent with the `keys` of `bump` once the change that outdated them is committed, for what
# keeps copies of pages beyond this cache (a caching proxy or a CDN to purge).
outdated = Signal()


@functools.lru_cache(maxsize=4096)
def path_keys(path: str) -> tuple[str, ...]:
    """The site token and one token per prefix of `path` ("/a/", "/a/b/", …)."""
    parts = [part for part in path.split("/") if part]
    prefixes = ["/" + "/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]
    return (SITE, *(f"path:{prefix}" for prefix in prefixes))


def current(keys: Sequence[str]) -> dict[str, str]:
    if (memo := _memo()) is not None:
        return memo.tokens(keys)
    return _read(keys)


def bump(*keys: str) -> None:
    """Outdate every cached page that depends on one of `keys`.

    Inside a transaction the tokens are renewed again once it commits: a page rendered
    in between from what was not yet committed must not pass for current.
    """
    _renew(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _renewed(keys))
    else:
        outdated.send(sender=None, keys=keys)


def _renewed(keys: tuple[str, ...]) -> None:
    _renew(keys)
    outdated.send(sender=None, keys=keys)


def outdate_site(**kwargs) -> None:
    bump(SITE)


def outdate_path(url_path: str) -> None:
    """Outdate the pages at `url_path` and under it (e.g. an article and its comments)."""
    bump(f"path:{url_path}")


def _read(keys: Sequence[str]) -> dict[str, str]:
    store = caches["versions"]
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, uuid.uuid4().hex)
            found[key] = store.get(key)
    return found


def _renew(keys: tuple[str, ...]) -> None:
    caches["versions"].set_many({key: uuid.uuid4().hex for key in keys})
    if (memo := _memo()) is not None:
        memo.stamp.renew()


class _Memo:
    """The tokens this process read, good while the machine's change stamp stands still."""

    def __init__(self, path):
        self.path = path
        self.stamp = ChangeStamp(path)
        self.seen = None
        self.read_at = 0.0
        self.known: dict[str, str] = {}

    def tokens(self, keys: Sequence[str]) -> dict[str, str]:
        # The stamp is read before the tokens: a change that lands after this read
        # shows as a new stamp on the next call.
        stamp = self.stamp.read()
        now = time.monotonic()
        if (
            stamp != self.seen
            or now - self.read_at > MEMO_SECONDS
            or len(self.known) > MEMO_MAX_TOKENS
        ):
            self.known = {}
            self.seen, self.read_at = stamp, now
        known = self.known
        if missing := [key for key in keys if key not in known]:
            known.update(_read(missing))
        return {key: known[key] for key in keys}


_local = threading.local()


def forget() -> None:
    """Drop the tokens this thread read (tests start from the database each time)."""
    _local.memo = None


@functools.cache
def _stamp_path():
    return settings.PAGE_CACHE_CHANGE_STAMP


@receiver(setting_changed)
def _settings_changed(setting, **kwargs) -> None:
    if setting == "PAGE_CACHE_CHANGE_STAMP":
        _stamp_path.cache_clear()


def _memo() -> _Memo | None:
    """This thread's memo, when the settings name a change stamp."""
    path = _stamp_path()
    if not path:
        return None
    memo = getattr(_local, "memo", None)
    if memo is None or memo.path is not path:
        memo = _local.memo = _Memo(path)
    return memo
