"""How often a reader, an account or an address may do something, counted for all workers.

Each limit is named in settings.QUOTIDIEN_RATE_LIMITS as `name: (count, seconds)`, e.g.
`"comment": (5, 60)`: five comments a minute. A count of 0 turns a limit off.
`hit("comment", account.pk)` counts one more and says whether it stays within the limit,
and if not, how long to wait; `peek` says whether one more would, without counting it, for
an action that counts only when it fails (a wrong password).

The counts live where every worker sees them: in Redis when RATE_LIMITS_CACHE names a
cache (atomic increments), otherwise in the database (ratelimits.Counter, one UPDATE …
SET count = count + 1), and there too while Redis does not answer. Windows are fixed (a
minute, an hour from the clock's start), as django-ratelimit's: cheap and shared, at worst
twice the count across a window's edge.
"""

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, router, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.cache_outage import store_errors, warn

from .models import Counter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """Whether one more action is allowed, and if not, the seconds until it will be."""

    allowed: bool
    retry_after: int = 0

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def limit_of(name: str) -> tuple[int, int]:
    """(count, seconds) of the limit `name`; (0, 0) when it is off or unknown."""
    count, seconds = settings.QUOTIDIEN_RATE_LIMITS.get(name, (0, 0))
    return (int(count), int(seconds)) if count and seconds else (0, 0)


def hit(name: str, ident: object) -> Verdict:
    """Count one action of `ident` (an account's id, an address, an e-mail) under `name`."""
    return hit_within(name, ident, *limit_of(name))


def hit_within(name: str, ident: object, limit: int, seconds: int) -> Verdict:
    """`hit` against a limit given here: `limit` actions every `seconds`."""
    if not limit or not seconds or ident is None or ident == "":
        return ALLOWED
    key, now, ends = _window(name, ident, seconds)
    count = None
    if getattr(settings, "RATE_LIMITS_CACHE", None):
        count = _count_in_cache(key, ends - now)
    if count is None:
        count = _count_in_database(key, datetime.fromtimestamp(ends, tz=UTC))
    return _verdict(count <= limit, now, ends)


def peek(name: str, ident: object) -> Verdict:
    """Whether `ident` may act once more under `name`, as `hit` would say, without
    counting it."""
    limit, seconds = limit_of(name)
    if not limit or ident is None or ident == "":
        return ALLOWED
    key, now, ends = _window(name, ident, seconds)
    count = None
    if getattr(settings, "RATE_LIMITS_CACHE", None):
        try:
            count = caches[settings.RATE_LIMITS_CACHE].get(key, 0)
        except store_errors():
            _counted_in_database()
    if count is None:
        # Where `hit` counts: a replica may not have seen the last hits yet.
        counters = Counter.objects.using(router.db_for_write(Counter))
        count = counters.filter(key=key).values_list("count", flat=True).first() or 0
    return _verdict(count < limit, now, ends)


def _window(name: str, ident: object, seconds: int) -> tuple[str, float, int]:
    """The key counting `ident` under `name` in the current window, the time now, and
    when the window ends."""
    now = time.time()
    window = int(now // seconds)
    digest = hashlib.sha256(str(ident).encode()).hexdigest()[:40]
    return f"{name}:{digest}:{window}"[:120], now, (window + 1) * seconds


def _verdict(allowed: bool, now: float, ends: int) -> Verdict:
    return ALLOWED if allowed else Verdict(False, max(1, math.ceil(ends - now)))


def _count_in_cache(key: str, seconds_left: float) -> int | None:
    """The count after this hit, in the cache; None when the cache does not answer."""
    cache = caches[settings.RATE_LIMITS_CACHE]
    timeout = math.ceil(seconds_left) + 1
    try:
        cache.add(key, 0, timeout)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 0, timeout)
            return cache.incr(key)
    except store_errors():
        _counted_in_database()
        return None


def _counted_in_database() -> None:
    warn(logger, "Limites comptées dans la base de données : Redis ne répond pas")


def _count_in_database(key: str, expires_at: datetime) -> int:
    using = router.db_for_write(Counter)
    counters = Counter.objects.using(using)
    # The UPDATE holds the row until the end of the transaction: the count read after it
    # is this hit's, whatever other workers do at the same moment.
    with transaction.atomic(using=using):
        if not counters.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic(using=using):
                    counters.create(key=key, count=1, expires_at=expires_at)
            except IntegrityError:  # another worker created it first
                counters.filter(key=key).update(count=F("count") + 1)
            else:
                # A new window began: the counters of past ones are of no further use.
                counters.filter(expires_at__lt=datetime.now(tz=UTC)).delete()
        return counters.filter(key=key).values_list("count", flat=True).get()


def client_address(request) -> str:
    """The address a request comes from, as django-axes reads it for the lockout."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def client_line(request) -> str:
    """The reader's connection a request comes from, as the limits by address count it:
    what line() makes of client_address()."""
    return line(client_address(request))


def line(address: str) -> str:
    """What identifies the reader's connection: an IPv4 address, or an IPv6 one's /64,
    what one subscriber's line gets, since its owner may pick any address in it."""
    if ":" not in address:
        return address
    try:
        ip = ipaddress.IPv6Address(address)
    except ValueError:
        return address
    # An IPv4 reader on a dual-stack socket shows as ::ffff:a.b.c.d.
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    # The line's 64 bits in hexadecimal: a network object would cost ten times as much.
    return f"{ip.packed[:8].hex()}/64"


def wait_message(retry_after: int) -> str:
    """« réessayez dans 3 minutes », in French, for a reader who was stopped: in seconds
    under a minute and a half, in minutes under an hour and a half, in hours past it."""
    if retry_after < 90:
        seconds = max(1, retry_after)
        delay = ngettext("%(n)d seconde", "%(n)d secondes", seconds) % {"n": seconds}
    elif retry_after < 90 * 60:
        minutes = math.ceil(retry_after / 60)
        delay = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    else:
        hours = math.ceil(retry_after / 3600)
        delay = ngettext("%(n)d heure", "%(n)d heures", hours) % {"n": hours}
    return _("réessayez dans %(delay)s") % {"delay": delay}


def too_soon_message(verdict: Verdict) -> str:
    """What a stopped reader reads above the form they sent, which keeps what they typed."""
    return _("Trop de tentatives en peu de temps : %(wait)s.") % {
        "wait": wait_message(verdict.retry_after)
    }


def stopped(response, verdict: Verdict):
    """`response` (the page with the form again) as a 429 that says when to come back."""
    response.status_code = 429
    response["Retry-After"] = str(verdict.retry_after)
    return response
