"""Which reads may come from the read replica, and which must come from the primary.

With `DATABASE_REPLICA_URL` set, the settings add a "replica" database. For each request,
`ReplicaReadsMiddleware` decides whether its reads may go there, and `ReplicaRouter` only
follows that decision, so that deciding costs nothing per query:

- an anonymous reader's GET or HEAD of the public site (pages, feeds, sitemaps, search,
  the API) reads the replica, which is there to carry that traffic;
- the back office, the account pages, any request with a session, a messages cookie or
  an API token (a reader who may look at what they just wrote), and any request that
  writes read the primary, as does whoever wrote something in the last
  `DATABASE_REPLICA_PIN_SECONDS` (a signed cookie set by the writing request), so that a
  reader's own comment shows on the page they are sent back to;
- without a request (the worker, management commands) everything reads the primary;
- inside a transaction, reads stay on the primary with the writes they go with.

A replica that does not answer, or lags more than `DATABASE_REPLICA_MAX_LAG_SECONDS`, is
left aside: each process asks it again every `DATABASE_REPLICA_CHECK_SECONDS`.

Writes always go to the primary. A replica applies a change a little after the primary
commits it, while the page cache learns of the change at the commit (pagecache/versions.py):
a page rendered in between from the replica would be kept as current. So, once a change
is committed, the worker outdates the pages it outdated once more when the replica has
replayed it (PostgreSQL; the wait is bounded by `DATABASE_REPLICA_WAIT_SECONDS`, no
shorter than `DATABASE_REPLICA_MAX_LAG_SECONDS`, beyond which readers read the primary).
"""

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.signing import BadSignature
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.dispatch import receiver
from django_tasks import task

from quotidien.pagecache import versions

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "lecture_primaire"
PIN_SALT = "quotidien.replica.pin"
# Paths whose requests read the primary whoever asks: the back office, readers' own pages
# and forms, payments, documents behind permissions, and the health check (which asks the
# replica itself).
PRIMARY_PREFIXES = (
    "/admin/",
    "/compte/",
    "/commentaires/",
    "/abonnement/",
    "/documents/",
    "/sante/",
)
READ_METHODS = frozenset({"GET", "HEAD"})

# Whether the current request's reads may go to the replica (False outside requests).
_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_reads", default=False
)


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads to the replica when the request allows it and no transaction is open."""

    def db_for_read(self, model, **hints) -> str:
        if _replica_reads.get() and not _in_transaction(connections[DEFAULT_DB_ALIAS]):
            return REPLICA
        # Named, rather than left to Django, which would follow an instance read from the
        # replica earlier in the request.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        # Django would save an object where it was read from: the replica refuses writes.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both hold the same data: an article read from the replica may get a comment.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # The replica follows the primary's schema through replication.
        return False if db == REPLICA else None


def _in_transaction(connection) -> bool:
    """Whether code opened a transaction on `connection`; those a test case wraps each
    test in do not count (Django tells them apart so for `durable` blocks too)."""
    blocks = connection.atomic_blocks
    return bool(blocks) and not blocks[-1]._from_testcase


class ReplicaReadsMiddleware:
    """Lets an anonymous reader's reads go to the replica, and pins writers to the primary.

    First in the list, so that the page cache's own reads of page versions (without Redis)
    come from the same database as the page they are stored with.
    """

    def __init__(self, get_response):
        if not configured():
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.pin_seconds = settings.DATABASE_REPLICA_PIN_SECONDS
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, "messages", PIN_COOKIE)

    def __call__(self, request):
        token = _replica_reads.set(self.may_read_replica(request) and replica_usable())
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if request.method not in READ_METHODS and response.status_code < 400 and self.pin_seconds:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=self.pin_seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def may_read_replica(self, request) -> bool:
        if (
            request.method not in READ_METHODS
            or request.path.startswith(PRIMARY_PREFIXES)
            or "HTTP_AUTHORIZATION" in request.META
        ):
            return False
        cookies = request.COOKIES
        if not any(name in cookies for name in self.personal_cookies):
            return True
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        # Only the pin: it holds while its signature and age are good.
        return not self.pinned(request)

    def pinned(self, request) -> bool:
        try:
            request.get_signed_cookie(PIN_COOKIE, salt=PIN_SALT, max_age=self.pin_seconds)
        except (KeyError, BadSignature):
            return False
        return True


class _Health:
    """What this process last found of the replica, and when (time.monotonic())."""

    checked_at = float("-inf")
    usable = True
    lag: float | None = None


_health = _Health()


def replica_usable() -> bool:
    """Whether the replica answered, no further behind than `DATABASE_REPLICA_MAX_LAG_SECONDS`,
    when this process last asked, at most `DATABASE_REPLICA_CHECK_SECONDS` ago.

    A replica that stopped or fell behind is left aside until it is back: readers get
    the primary's pages rather than errors or old news.
    """
    now = time.monotonic()
    if now - _health.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return _health.usable
    # Other threads go on with the last answer while this one asks.
    _health.checked_at = now
    try:
        lag = replica_lag()
    except DatabaseError:
        lag, usable, why = None, False, "injoignable"
    else:
        usable = lag is None or lag <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS
        why = f"{lag} s de retard"
    if usable != _health.usable:
        if usable:
            logger.warning("Le réplica est de retour : les lecteurs anonymes y lisent.")
        else:
            logger.warning("Réplica laissé de côté (%s) : tout se lit sur le primaire.", why)
    _health.usable, _health.lag = usable, lag
    return usable


def replica_state() -> tuple[bool, float | None]:
    """Whether reads go to the replica, and its lag in seconds (None when it has none to
    tell), as this process last found them: asked at most every
    `DATABASE_REPLICA_CHECK_SECONDS`, so that a health probe costs the replica nothing."""
    return replica_usable(), _health.lag


def replica_lag() -> float | None:
    """How far behind the primary the replica is, in seconds; None when it is no standby
    (another database than PostgreSQL, or a test mirror of the primary)."""
    connection = connections[REPLICA]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT 1")
            return None
        # A standby that replayed all it received is not behind, however long ago the
        # primary last wrote; else the lag is the age of the last change it replayed.
        # A standby cut off from its primary has replayed all it received too: it is
        # only up to date while it streams.
        cursor.execute(
            "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL"
            " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS ("
            "SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0"
            " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
        )
        (lag,) = cursor.fetchone()
    return None if lag is None else round(float(lag), 3)


def replica_caught_up(timeout: float) -> bool:
    """Wait until the replica has replayed all the primary has committed, `timeout` at most.

    True once it has (at once when the database is not PostgreSQL, or the "replica" is no
    standby, as in tests where it mirrors the primary); False when the time ran out.
    """
    primary, replica = connections[DEFAULT_DB_ALIAS], connections[REPLICA]
    if primary.vendor != "postgresql" or replica.vendor != "postgresql":
        return True
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (position,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with replica.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [position],
            )
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.002)


# The keys this thread outdated again and has not yet heard announced: that announcement
# is its own echo, not a new change (it comes at once, or at the commit of a transaction
# still open, as in tests).
_echoes = threading.local()


@receiver(versions.outdated, dispatch_uid="replica-outdate-again")
def outdate_again_once_replicated(sender, keys, **kwargs) -> None:
    """Have the worker outdate the pages of a committed change again once the replica has
    it: the writer's request does not wait for the replica."""
    if not configured():
        return
    echoes = _echoes.__dict__.setdefault("keys", [])
    if keys in echoes:
        echoes.remove(keys)
        return
    try:
        outdate_when_replayed.enqueue(list(keys))
    except Exception:
        # The change is committed: its writer must not get an error for this.
        logger.warning("Pages non périmées à nouveau : %s", keys, exc_info=True)


@task()
def outdate_when_replayed(keys: list[str]) -> None:
    """Outdate `keys` again once the replica has replayed what the primary has committed."""
    keys = tuple(keys)
    try:
        if not replica_caught_up(settings.DATABASE_REPLICA_WAIT_SECONDS):
            logger.warning(
                "Le réplica a plus de %s s de retard : des pages en cache peuvent rester "
                "anciennes jusqu'au prochain changement.",
                settings.DATABASE_REPLICA_WAIT_SECONDS,
            )
    except DatabaseError:
        logger.warning("Réplica injoignable", exc_info=True)
    echoes = _echoes.__dict__.setdefault("keys", [])
    echoes.append(keys)
    try:
        versions.bump(*keys)
    finally:
        # Its echo is heard at once, or at the commit of a transaction still open (tests).
        if keys in echoes and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            echoes.remove(keys)
