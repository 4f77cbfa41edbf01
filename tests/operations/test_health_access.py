"""`/sante/` tells anyone whether the site answers, and only the servers' own network
what stands behind: the queue of a worker that stopped is a degraded site."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quotidien.corrections.tasks import acknowledge_reply_request

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.5"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def waiting(seconds: float) -> None:
    """A task that has waited `seconds` for a worker."""
    acknowledge_reply_request.enqueue(reply_request_id=1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=seconds))


def test_a_task_waiting_past_the_threshold_makes_the_site_degraded(
    client, database_queue, settings
):
    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 300
    waiting(534)

    response = client.get("/sante/")

    report = response.json()
    # Degraded, not down: the site still answers readers, the load balancer keeps it in.
    assert response.status_code == 200 and report["status"] == "degraded"
    assert report["worker"]["status"] == "degraded" and report["worker"]["oldest_seconds"] >= 534


def test_a_task_waiting_less_than_the_threshold_is_ok(client, database_queue, settings):
    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 300
    waiting(60)

    report = client.get("/sante/").json()

    assert report["status"] == "ok" and report["worker"]["status"] == "ok"


def test_an_outside_address_reads_the_status_only(client, database_queue, settings):
    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 300
    waiting(534)

    response = client.get("/sante/", REMOTE_ADDR=OUTSIDE)

    assert response.status_code == 200 and response.json() == {"status": "degraded"}
    assert "no-store" in response["Cache-Control"]


def test_the_operators_networks_and_trusted_proxies_read_the_details(
    client, database_queue, settings
):
    settings.HEALTH_DETAIL_NETWORKS = ["10.1.0.0/16"]
    settings.TRUSTED_PROXIES = ["192.0.2.10"]
    waiting(5)

    for address in ("10.1.2.3", "192.0.2.10", "::1"):
        report = client.get("/sante/", REMOTE_ADDR=address).json()
        assert report["worker"]["ready"] == 1, address
