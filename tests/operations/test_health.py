"""`/sante/` tells a load balancer whether this server can answer, and monitoring why not."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quotidien import health
from quotidien.corrections.tasks import acknowledge_reply_request

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


def test_health_reports_the_database_the_replica_and_the_waiting_tasks(client, replica_database):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        acknowledge_reply_request.enqueue(reply_request_id=1)
        acknowledge_reply_request.enqueue(reply_request_id=2)
        later = timezone.now() + timedelta(hours=1)
        acknowledge_reply_request.using(run_after=later).enqueue(reply_request_id=3)
        DBTaskResult.objects.filter(args_kwargs__kwargs__reply_request_id=1).update(
            enqueued_at=timezone.now() - timedelta(seconds=90)
        )
        # Enqueued long ago to run two minutes ago: it has waited since then.
        acknowledge_reply_request.using(run_after=timezone.now()).enqueue(reply_request_id=4)
        DBTaskResult.objects.filter(args_kwargs__kwargs__reply_request_id=4).update(
            enqueued_at=timezone.now() - timedelta(hours=1),
            run_after=timezone.now() - timedelta(seconds=120),
        )
        response = client.get("/sante/")

    report = response.json()
    assert response.status_code == 200 and report["status"] == "ok"
    assert report["database"]["status"] == "ok" and report["database"]["ms"] >= 0
    # A mirror of the primary in tests, not a standby: it has no lag to tell.
    assert report["replica"]["status"] == "ok" and report["replica"]["lag_seconds"] is None
    # The task due in an hour is not waiting yet.
    assert report["worker"]["ready"] == 3 and 120 <= report["worker"]["oldest_seconds"] < 150
    assert report["worker"]["ready_capped"] is False
    assert "no-store" in response["Cache-Control"]


def test_health_answers_503_when_the_primary_database_does_not(client, replica_database):
    def unreachable(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connections["default"].execute_wrapper(unreachable):
        response = client.get("/sante/")

    report = response.json()
    assert response.status_code == 503 and report["status"] == "error"
    # Reads alone cannot serve the site: the replica answering does not keep it in.
    assert report["database"]["status"] == "error" and report["replica"]["status"] == "ok"
    assert "no-store" in response["Cache-Control"]


def test_a_long_queue_is_counted_up_to_a_bound_and_said_to_be_longer(
    client, replica_database, monkeypatch
):
    monkeypatch.setattr(health, "QUEUE_COUNT_LIMIT", 2)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for number in range(4):
            acknowledge_reply_request.enqueue(reply_request_id=number)
        with CaptureQueriesContext(connection) as queries:
            report = client.get("/sante/").json()

    assert report["status"] == "ok"
    assert (report["worker"]["ready"], report["worker"]["ready_capped"]) == (2, True)
    # The tasks are not all counted: at most one more than the bound is read.
    [counted] = [query["sql"] for query in queries if "dbtaskresult" in query["sql"]]
    assert "LIMIT 3" in counted


@pytest.fixture
def silent_redis(settings):
    """A Redis that accepts connections and never answers (hung, or its machine gone), as
    the settings and the caches name it; it goes away after a few seconds."""
    silent = socket.create_server(("127.0.0.1", 0))
    url = f"redis://127.0.0.1:{silent.getsockname()[1]}/9"
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url},
    }
    closing = threading.Timer(3, silent.close)
    closing.start()
    yield
    closing.cancel()
    silent.close()


def test_a_redis_that_does_not_answer_is_reported_within_a_second(
    client, replica_database, silent_redis
):
    started = time.monotonic()
    response = client.get("/sante/")
    elapsed = time.monotonic() - started

    report = response.json()
    assert elapsed < 1
    assert response.status_code == 200 and report["status"] == "degraded"
    assert report["redis"]["status"] == "error"
    assert report["redis"]["error"] in ("TimeoutError", "ConnectionError")


@pytest.fixture
def page_cache(settings):
    """As production serves: the page cache on, which reads its versions on every GET."""
    settings.PAGE_CACHE = True


def test_with_the_page_cache_on_a_lost_database_still_gets_the_503_in_json(
    client, replica_database, page_cache
):
    def unreachable(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connections["default"].execute_wrapper(unreachable):
        response = client.get("/sante/")

    assert response.status_code == 503 and response.json()["status"] == "error"


def test_with_redis_gone_the_health_check_answers_degraded(
    client, replica_database, page_cache, settings
):
    gone = socket.create_server(("127.0.0.1", 0))
    url = f"redis://127.0.0.1:{gone.getsockname()[1]}/9"
    gone.close()  # nothing listens there any more: connections are refused
    redis_cache = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}
    settings.REDIS_URL = url
    settings.CACHES = {**settings.CACHES, "default": redis_cache, "versions": redis_cache}

    response = client.get("/sante/")

    report = response.json()
    assert response.status_code == 200 and report["status"] == "degraded"
    assert report["redis"]["status"] == "error" and report["database"]["status"] == "ok"


def test_a_load_balancer_may_ask_by_the_server_s_address(client, replica_database):
    """It names the server by its address, which ALLOWED_HOSTS need not list."""
    response = client.get("/sante/", HTTP_HOST="192.0.2.2:8000")

    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_the_health_check_takes_only_get_and_head(client, replica_database):
    assert client.head("/sante/").status_code == 200
    answer = client.delete("/sante/")
    assert answer.status_code == 405 and answer["Allow"] == "GET, HEAD"
