"""Purges are sent by the worker, in each backend's form, and tried again while they fail."""

import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quotidien.frontcache import backends, tasks
from quotidien.frontcache.models import PendingPurge
from quotidien.frontcache.tasks import request_purge
from quotidien.news.newsroom import EDITORS
from quotidien.pagecache import versions
from tests.news.test_back_office_writing import add_url, article_form, member
from tests.test_worker import run_worker

pytestmark = pytest.mark.django_db

PURGE_TASK = "quotidien.frontcache.tasks.purge_pending"
BARRAGE = "http://localhost/liban/barrage/"


def waiting_purges() -> list[str]:
    tasks = DBTaskResult.objects.filter(task_path=PURGE_TASK, status=TaskResultStatus.READY)
    return list(tasks.values_list("status", flat=True))


@pytest.mark.parametrize(
    ("backend", "sent"),
    [
        (
            {"BACKEND": "tests.frontcache.recording.RecordingBackend"},
            ["/", "/soci%C3%A9t%C3%A9/", "/sitemap.xml"],
        ),
        (
            {
                "BACKEND": "tests.frontcache.recording.RecordingCloudflare",
                "BEARER_TOKEN": "jeton",
                "ZONEID": "zone",
            },
            [
                "/",
                "/soci%C3%A9t%C3%A9/",
                "/soci%C3%A9t%C3%A9/commentaires/",
                "/soci%C3%A9t%C3%A9/entrees/",
                "/sitemap.xml",
            ],
        ),
        (
            {"BACKEND": "tests.frontcache.recording.RecordingCloudfront", "DISTRIBUTION_ID": "E1"},
            ["/*", "/soci%C3%A9t%C3%A9/*", "/sitemap.xml"],
        ),
    ],
    ids=["varnish", "cloudflare", "cloudfront"],
)
def test_each_backend_is_sent_the_outdated_addresses_in_its_own_form(
    home, purges, settings, backend, sent
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": backend}

    # Outside a transaction, as the tokens' signal is sent once a change is committed.
    versions.outdated.send(
        sender=None, keys=("site", "path:/société/", "path:/sitemap.xml/", "search-index")
    )

    host = "" if backend["BACKEND"].endswith("Cloudfront") else "http://localhost"
    assert purges.purged() == {host + path for path in sent}


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers as Varnish answers an accepted purge, keeping each request it got."""

    received: list[tuple[str, str, str]] = []
    # The timeout sockets of this thread get when they are not given one.
    default_timeouts: list[float | None] = []

    def do_PURGE(self):
        self.received.append((self.command, self.path, self.headers["Host"]))
        self.default_timeouts.append(socket.getdefaulttimeout())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    """A stand-in for Varnish on a free port of the loopback, named as the settings name it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    PurgeRecorder.default_timeouts = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish-1": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_from_the_back_office_purges_varnish_from_the_worker_not_the_request(
    client, home, make_section, varnish, database_queue, django_capture_on_commit_callbacks
):
    section = make_section("Liban")
    client.force_login(member(EDITORS, "rita"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url(section), article_form("Crue du Litani", **{"action-publish": "1"})
        )
    # A burst of changes outdating the whole site again, as photo renditions do.
    for _ in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            versions.outdate_site()

    assert response.status_code == 302
    assert varnish == []
    assert list(PendingPurge.objects.values_list("url", flat=True)) == ["http://localhost/"]
    assert waiting_purges() == [TaskResultStatus.READY]

    run_worker()

    assert varnish == [("PURGE", "/", "localhost")]
    assert not PendingPurge.objects.exists()


def test_a_purge_times_out_its_own_requests_and_no_other_threads_sockets(home, varnish):
    request_purge([BARRAGE])  # the tests' queue runs the purge at once, in this thread

    assert varnish == [("PURGE", "/liban/barrage/", "localhost")]
    # The proxy's stand-in answered from a thread of its own, as the site's threads run.
    assert PurgeRecorder.default_timeouts == [None]
    assert socket.getdefaulttimeout() is None


def test_a_proxy_that_never_answers_fails_the_batch_after_one_timeout(home, settings, monkeypatch):
    # Connections are accepted by the system, and never answered.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish-1": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
            }
        }
        monkeypatch.setattr(backends, "TIMEOUT_SECONDS", 0.3)
        started = time.monotonic()
        request_purge([BARRAGE, "http://localhost/monde/", "http://localhost/"])
        elapsed = time.monotonic() - started

    assert 0.3 <= elapsed < 0.9
    assert set(PendingPurge.objects.values_list("attempts", flat=True)) == {1}


def test_a_failed_purge_is_kept_and_sent_again_once_its_delay_is_over(
    purges, database_queue, caplog, monkeypatch
):
    purges.failures = 1
    request_purge([BARRAGE])

    run_worker()

    assert purges.batches == []
    [kept] = PendingPurge.objects.all()
    assert (kept.url, kept.attempts) == (BARRAGE, 1)
    # The retry, and the run that would take the address back had this one died.
    retry, lease_end = DBTaskResult.objects.filter(
        task_path=PURGE_TASK, status=TaskResultStatus.READY
    ).order_by("run_after")
    assert retry.run_after == kept.due_at
    assert lease_end.run_after > timezone.now() + timedelta(seconds=tasks.LEASE_SECONDS)
    assert timedelta(seconds=25) < kept.due_at - timezone.now() <= timedelta(seconds=30)
    assert "reportée" in caplog.text

    run_worker()  # Before its time: nothing is sent.
    assert purges.batches == []

    later = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    run_worker()

    assert purges.batches == [[BARRAGE]]
    assert not PendingPurge.objects.exists()


def test_a_new_change_to_an_address_waiting_for_a_retry_is_purged_at_once(purges, database_queue):
    purges.failures = 1
    request_purge([BARRAGE])
    run_worker()  # fails: the address waits for its retry, half a minute away

    request_purge([BARRAGE])  # the proxy is back, and the article changes again
    run_worker()

    assert purges.batches == [[BARRAGE]]
    assert not PendingPurge.objects.exists()


def test_a_purge_failing_every_time_is_given_up_with_an_error(
    purges, settings, database_queue, caplog, monkeypatch
):
    settings.FRONTEND_CACHE_PURGE_ATTEMPTS = 2
    purges.failures = 2
    request_purge([BARRAGE])

    run_worker()
    later = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    run_worker()
    assert purges.batches == []
    assert not PendingPurge.objects.exists()
    much_later = later + timedelta(seconds=tasks.LEASE_SECONDS + 5)
    monkeypatch.setattr(timezone, "now", lambda: much_later)
    run_worker()  # the runs due at the end of each lease find nothing

    assert purges.batches == []
    assert waiting_purges() == []
    # A warning for the failure tried again, an error for the one given up.
    told = [(r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("quotidien")]
    assert [level for level, _message in told] == ["WARNING", "ERROR"]
    assert BARRAGE in told[-1][1]
