"""`/sante/` tells a load balancer whether this server can answer, and monitoring why not."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

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
        response = client.get("/sante/")

    report = response.json()
    assert response.status_code == 200 and report["status"] == "ok"
    assert report["database"]["status"] == "ok" and report["database"]["ms"] >= 0
    # A mirror of the primary in tests, not a standby: it has no lag to tell.
    assert report["replica"]["status"] == "ok" and report["replica"]["lag_seconds"] is None
    # The task due in an hour is not waiting yet.
    assert report["worker"]["ready"] == 2 and 90 <= report["worker"]["oldest_seconds"] < 120
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
