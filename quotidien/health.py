"""`/sante/`: the state of what the site needs, for a load balancer and for monitoring.

The answer is 200 while the primary database answers, 503 when it does not, so that a
load balancer takes the server out. The replica, Redis and the worker's queue are
reported, not judged: taking every server out because one of them fails would only make
things worse. Each check is one round trip at most (the replica's state is the router's,
renewed every few seconds), bounded in time (Redis) or in rows read (the queue, counted
up to `QUEUE_COUNT_LIMIT`); the whole costs a few milliseconds, and a load balancer's
probe is never held by what hangs.

The worker's queue is "degraded" once a task has waited longer than
`settings.HEALTH_QUEUE_MAX_WAIT_SECONDS`: a worker that stopped leaves the site answering
but its e-mails and re-indexing undone. What stands behind the status (the checks, the
queue's length, timings) is for the servers' own network: the machine itself, the trusted
proxies and `settings.HEALTH_DETAIL_NETWORKS`; anyone else reads `{"status": …}` alone.
Keys and values are in English, as in the JSON API.

The scheduler (`quotidien publish_scheduled_loop`, which publishes the pages scheduled
for later and takes offline those past their expiry date) leaves a heartbeat in the cache
all machines share (`record_scheduler_run`). Its check fails ("error", a French `message`
saying what to start) when a page is overdue, to go online or offline, by more than
`SCHEDULER_LATE_SECONDS` and no scheduler ran within as long, or within two of its turns
when it runs less often (`--interval`): the site answers, but what the newsroom scheduled
does not happen.
"""

import functools
import ipaddress
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page, Revision

from quotidien import errors, proxies, replica
from quotidien.cache_outage import store_errors, warn

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
# A Redis that has not answered by then is reported in error.
REDIS_TIMEOUT_SECONDS = 0.25
# Tasks counted at most: a longer queue is reported as this many and `ready_capped`.
QUEUE_COUNT_LIMIT = 1000
# A scheduled page this late, with no scheduler run within as long, fails the check.
SCHEDULER_LATE_SECONDS = 120
# The heartbeat, in the cache every machine shares (Redis, else the database).
SCHEDULER_CACHE = "versions"
SCHEDULER_HEARTBEAT_KEY = "scheduler-heartbeat"

logger = logging.getLogger(__name__)


# Where the health check answers (HealthCheckMiddleware).
HEALTH_PATH = "/sante/"


class HealthCheckMiddleware:
    """Answers `/sante/` ahead of every middleware but the one that finds the reader's
    address: none of them may stand between a load balancer and the check. The page
    cache reads its versions (the database, or Redis) for every GET, and would turn a lost
    database or Redis into a 500 page instead of the check's own answer; CommonMiddleware
    would refuse the server's IP address as the host, which is how a load balancer
    usually names it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            response = errors.method_not_allowed_in_french(health(request))
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)


@never_cache
@require_safe
def health(request):
    started = time.perf_counter()
    database = _check(_select_one)
    report = {
        "status": "ok" if database["status"] == "ok" else "error",
        "database": database,
        "replica": _replica() if replica.configured() else None,
        "redis": _check(_redis_ping) if settings.REDIS_URL else None,
        "worker": _check(_queue) if _tasks_in_database() else None,
        "scheduler": _check(_scheduler),
    }
    if report["status"] == "ok" and any(
        check and check["status"] != "ok" for check in report.values() if isinstance(check, dict)
    ):
        report["status"] = "degraded"
    report["ms"] = _ms(started)
    if not _internal(request.META.get("REMOTE_ADDR", "")):
        report = {"status": report["status"]}
    return JsonResponse(
        report,
        status=200 if database["status"] == "ok" else 503,
        json_dumps_params={"ensure_ascii": False},
    )


def _internal(address: str) -> bool:
    """Whether `address` (the reader's, behind a trusted proxy) may read the details."""
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return False
    if found.version == 6 and found.ipv4_mapped is not None:
        found = found.ipv4_mapped
    if found.is_loopback:
        return True
    return any(
        found.version == network.version and found in network
        for network in proxies.networks(
            [*settings.HEALTH_DETAIL_NETWORKS, *settings.TRUSTED_PROXIES]
        )
    )


def _check(probe: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        found = probe()
    except Exception as error:
        return {"status": "error", "error": type(error).__name__, "ms": _ms(started)}
    return {"status": "ok", **found, "ms": _ms(started)}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _select_one() -> dict:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _replica() -> dict:
    """As the router last found it: a replica that went away costs the probe nothing more
    than it costs readers (a connection timeout every few seconds)."""
    started = time.perf_counter()
    usable, lag = replica.replica_state()
    return {"status": "ok" if usable else "error", "lag_seconds": lag, "ms": _ms(started)}


def _redis_ping() -> dict:
    _redis(settings.REDIS_URL).ping()
    return {}


@functools.cache
def _redis(url: str):
    """A connection of the probe's own, with its own timeouts: the caches' wait as long as
    their settings say, which may be for ever. (Imported here: a server without Redis
    does not carry its client.)"""
    import redis

    return redis.Redis.from_url(
        url,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        retry_on_timeout=False,
        retry=None,
    )


def _tasks_in_database() -> bool:
    return settings.TASKS["default"]["BACKEND"] == DATABASE_TASKS_BACKEND


def _queue() -> dict:
    """Tasks ready to run, up to QUEUE_COUNT_LIMIT, and how long the one that has waited
    longest among them has waited (seconds), "degraded" past HEALTH_QUEUE_MAX_WAIT_SECONDS.
    A longer queue is not read further: its `ready` is the limit, `ready_capped` says
    there are more, and `oldest_seconds` is from the tasks the worker runs next."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    # The worker's own order: its index reads the first tasks without the others.
    first = DBTaskResult.objects.ready()[: QUEUE_COUNT_LIMIT + 1]
    found = first.aggregate(
        ready=Count("pk"),
        # A task given a time to run waits from then (or from when it was enqueued, if
        # later); a ready task whose time is still to come was given none.
        since=Min(
            Case(
                When(run_after__gt=now, then=F("enqueued_at")),
                default=Greatest(F("run_after"), F("enqueued_at")),
            )
        ),
    )
    since = found["since"]
    oldest = None if since is None else round((now - since).total_seconds(), 1)
    late = oldest is not None and oldest > settings.HEALTH_QUEUE_MAX_WAIT_SECONDS
    return {
        "status": "degraded" if late else "ok",
        "ready": min(found["ready"], QUEUE_COUNT_LIMIT),
        "ready_capped": found["ready"] > QUEUE_COUNT_LIMIT,
        "oldest_seconds": oldest,
    }


def record_scheduler_run(*, interval: int) -> None:
    """Leave the scheduler's heartbeat: it has just published what was due, and runs again
    in `interval` seconds."""
    beat = {"at": timezone.now().timestamp(), "interval": interval}
    try:
        caches[SCHEDULER_CACHE].set(SCHEDULER_HEARTBEAT_KEY, beat, None)
    except store_errors():
        # The scheduler goes on publishing; `/sante/` says Redis is lost.
        warn(logger, "Battement du programmateur non noté : Redis ne répond pas")


def _first_go_live():
    """When the first page scheduled to go live should, by an index of the revisions."""
    revisions = Revision.objects.filter(approved_go_live_at__isnull=False)
    return revisions.aggregate(first=Min("approved_go_live_at"))["first"]


def _first_expiry():
    """When the first live page scheduled to go offline should, by an index of the few
    pages with an expiry date (news migration 0014)."""
    pages = Page.objects.filter(expire_at__isnull=False, live=True)
    return pages.aggregate(first=Min("expire_at"))["first"]


def _scheduler() -> dict:
    """How long ago a scheduler last ran and how late the most overdue scheduled page is,
    to go live or offline (seconds, null when none is due): "error" when that page is more than
    SCHEDULER_LATE_SECONDS late and no scheduler ran within as long, or within two of its
    turns when they are longer apart. One cache read and two reads of an index (the
    revisions' go-live dates, the pages' expiry dates)."""
    now = timezone.now()
    beat = caches[SCHEDULER_CACHE].get(SCHEDULER_HEARTBEAT_KEY)
    last_run = idle_after = None
    if isinstance(beat, dict):
        last_run = round(max(now.timestamp() - beat["at"], 0.0), 1)
        idle_after = max(SCHEDULER_LATE_SECONDS, 2 * beat["interval"])
    due = min(filter(None, (_first_go_live(), _first_expiry())), default=None)
    overdue = round((now - due).total_seconds(), 1) if due is not None and due < now else None
    late = overdue is not None and overdue > SCHEDULER_LATE_SECONDS
    idle = last_run is None or last_run > idle_after
    report = {"last_run_seconds": last_run, "overdue_seconds": overdue}
    if late and idle:
        return {
            "status": "error",
            **report,
            "message": (
                "Des pages programmées sont en retard de plus de deux minutes et aucun "
                "programmateur n’a tourné : lancez « quotidien publish_scheduled_loop » "
                "(sur une seule machine)."
            ),
        }
    return report
