"""`/sante/`: the state of what the site needs, for a load balancer and for monitoring.

The answer is 200 while the primary database answers, 503 when it does not, so that a
load balancer takes the server out. The replica, Redis and the worker's queue are
reported, not judged: taking every server out because one of them fails would only make
things worse. Each check is one round trip at most (the replica's state is the router's,
renewed every few seconds); the whole costs a few milliseconds.
Keys and values are in English, as in the JSON API.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from quotidien import replica

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


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
    }
    if report["status"] == "ok" and any(
        check and check["status"] != "ok" for check in report.values() if isinstance(check, dict)
    ):
        report["status"] = "degraded"
    report["ms"] = _ms(started)
    return JsonResponse(
        report,
        status=200 if database["status"] == "ok" else 503,
        json_dumps_params={"ensure_ascii": False},
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
    from django_redis import get_redis_connection

    get_redis_connection("default").ping()
    return {}


def _tasks_in_database() -> bool:
    return settings.TASKS["default"]["BACKEND"] == DATABASE_TASKS_BACKEND


def _queue() -> dict:
    """Tasks ready to run, and how long the oldest of them has waited (seconds)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    found = DBTaskResult.objects.ready().aggregate(
        ready=Count("pk"),
        # A task given a time to run waits from then, others from when they were enqueued.
        since=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        ),
    )
    since = found["since"]
    return {
        "ready": found["ready"],
        "oldest_seconds": None
        if since is None
        else round((timezone.now() - since).total_seconds(), 1),
    }
