"""Version tokens that tell whether a cached page still shows what the site would show.

A page depends on the whole site's token (anything published, unpublished, moved or
re-signed changes it) and on one token per prefix of its path, so that a new comment
on the article at /liban/titre/ outdates /liban/titre/ and /liban/titre/commentaires/
and nothing else. Tokens live in a cache every web process shares; a token that went
missing is replaced by a new one, which outdates the pages that depended on it.

Each change also renews a stamp that every process of this machine reads in shared
memory, so a web process keeps the tokens it read while the stamp stands still, and a
cached page costs no query. With Redis, processes on other machines change tokens too:
each change is also announced on a Redis channel that every process listens to
(changes.py), and the tokens are kept while neither stamp moves. A process reads them
again at least every `MEMO_SECONDS`, which bounds how late a change could show that no
stamp announced (made from another machine sharing the database without Redis, or while
a subscription died without a word).

While the store does not answer (Redis lost), no token can be read: `current` raises
`Unavailable`, and the cache stays out of the way (pages are rendered, reads made). A
renewal the store refused is kept in the database (LostRenewal) and made by the worker
once the store answers again: a page kept before the outage must not pass for current
after it.
"""

import functools
import logging
import threading
import time
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import Signal, receiver

from quotidien.cache_outage import store_errors, warn

from .changes import ChangeChannel
from .stamp import ChangeStamp

logger = logging.getLogger(__name__)

SITE = "site"
# Read once (tests change it here).
MEMO_SECONDS = settings.PAGE_CACHE_MEMO_SECONDS
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


class Unavailable(Exception):
    """The versions' store does not answer: nothing kept can be known to be current."""


def current(keys: Sequence[str]) -> dict[str, str]:
    """The tokens `keys` stand at now; raises Unavailable when they cannot be read."""
    if (memo := _memo()) is not None:
        return memo.tokens(keys)
    return _read(keys)


def bump(*keys: str) -> None:
    """Outdate every cached page that depends on one of `keys`.

    Inside a transaction the tokens are renewed again once it commits: a page rendered
    in between from what was not yet committed must not pass for current.
    """
    if transaction.get_connection().in_atomic_block:
        # Refused, it is asked again at the commit, which keeps it if refused again.
        _try_renew(keys)
        transaction.on_commit(lambda: _renewed(keys))
    else:
        _renewed(keys)


def _renewed(keys: tuple[str, ...]) -> None:
    """Renew `keys` once the change is committed, or have the worker renew them once the
    store answers again; and announce it whatever happens: a proxy in front must forget
    the pages even when this cache could not be told."""
    try:
        if not _try_renew(keys):
            from .tasks import keep_lost

            keep_lost(keys)
    finally:
        for receiver, error in outdated.send_robust(sender=None, keys=keys):
            if isinstance(error, Exception):
                logger.error("Pages périmées, annonce en échec (%s)", receiver, exc_info=error)


def outdate_site(**kwargs) -> None:
    bump(SITE)


def outdate_path(url_path: str) -> None:
    """Outdate the pages at `url_path` and under it (e.g. an article and its comments)."""
    bump(f"path:{url_path}")


# Once the store failed, this process leaves it alone so long (each attempt at a store
# that does not answer waits for its connection's timeout), then tries again.
UNAVAILABLE_SECONDS = 2.0
_outage = {"until": 0.0, "seen": False}


def _read(keys: Sequence[str]) -> dict[str, str]:
    if time.monotonic() < _outage["until"]:
        raise Unavailable("le magasin des versions vient d’échouer")
    store = caches["versions"]
    try:
        found = store.get_many(keys)
        for key in keys:
            if key not in found:
                store.add(key, uuid.uuid4().hex)
                found[key] = store.get(key)
    except store_errors() as error:
        _outage.update(until=time.monotonic() + UNAVAILABLE_SECONDS, seen=True)
        raise Unavailable(error) from error
    if _outage["seen"]:
        # The store is back: the renewals it refused meanwhile are made before any token
        # read now is trusted (the worker would make them too, seconds later).
        from .tasks import renew_lost_now

        try:
            renewed = renew_lost_now()
        except store_errors() as error:  # gone again
            _outage.update(until=time.monotonic() + UNAVAILABLE_SECONDS)
            raise Unavailable(error) from error
        _outage["seen"] = False
        if renewed:
            return _read(keys)
    return found


def renew(keys: Sequence[str]) -> None:
    """Give `keys` new tokens and tell every process; raises what the store raised when it
    refused them (the processes of this machine are told all the same)."""
    try:
        caches["versions"].set_many({key: uuid.uuid4().hex for key in keys})
    finally:
        # After the tokens are written: whoever hears of the change reads the new ones.
        if (memo := _memo()) is not None:
            memo.stamp.renew()
    if (channel := _channel()) is not None:
        channel.renew()


def _try_renew(keys: Sequence[str]) -> bool:
    """`renew(keys)`; whether the store took them."""
    try:
        renew(keys)
    except store_errors():
        _outage.update(until=time.monotonic() + UNAVAILABLE_SECONDS, seen=True)
        warn(
            logger,
            "Versions des pages impossibles à renouveler (Redis injoignable ?) : le worker "
            "les renouvellera à son retour",
        )
        return False
    return True


class _Memo:
    """The tokens this process read, good while the change stamps stand still."""

    def __init__(self, path, channel: ChangeChannel | None):
        self.path = path
        self.stamp = ChangeStamp(path)
        self.channel = channel
        self.seen = None
        self.read_at = 0.0
        self.known: dict[str, str] = {}

    def tokens(self, keys: Sequence[str]) -> dict[str, str]:
        # The stamps are read before the tokens: a change that lands after this read
        # shows as a new stamp on the next call.
        stamp = (self.stamp.read(), self.channel.read() if self.channel else 0)
        if stamp[1] is None:
            # Changes made on other machines may go unheard: nothing read is trusted.
            self.known, self.seen = {}, None
            return _read(keys)
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
    """Drop the tokens this thread read, and what it knew of an outage (tests start from
    the database each time)."""
    _local.memo = None
    _outage.update(until=0.0, seen=False)


@functools.cache
def _stamp_path():
    return settings.PAGE_CACHE_CHANGE_STAMP


@functools.cache
def _channel() -> ChangeChannel | None:
    """This process's channel of changes, when the settings name a Redis to announce them;
    named after the versions' cache keys, so that deployments sharing a Redis hear their own."""
    url = settings.PAGE_CACHE_CHANGE_CHANNEL
    return ChangeChannel(url, caches["versions"].make_key("changes")) if url else None


@receiver(setting_changed)
def _settings_changed(setting, **kwargs) -> None:
    if setting == "PAGE_CACHE_CHANGE_STAMP":
        _stamp_path.cache_clear()
    if setting in ("PAGE_CACHE_CHANGE_CHANNEL", "CACHES"):
        _channel.cache_clear()


def _memo() -> _Memo | None:
    """This thread's memo, when the settings name a change stamp."""
    path = _stamp_path()
    if not path:
        return None
    channel = _channel()
    memo = getattr(_local, "memo", None)
    if memo is None or memo.path is not path or memo.channel is not channel:
        memo = _local.memo = _Memo(path, channel)
    return memo
