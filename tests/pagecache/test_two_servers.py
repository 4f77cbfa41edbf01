"""Two app servers on two machines, sharing the database and Redis: a page each keeps in
its own memory is never served after a change made elsewhere has been announced."""

import os
import signal
import subprocess
import time
import uuid

import pytest
import redis
import requests

from tests.own_sites import QUOTIDIEN, database_url
from tests.ports import free_port, wait_until_answering

REDIS_URL = "redis://127.0.0.1:6379/11"
ANNOUNCED_WITHIN_SECONDS = 1.0

pytestmark = pytest.mark.own_database

CREATE = """
from quotidien.news.models import ArticlePage, SectionPage
from quotidien.news.newsroom import ensure_newsroom
home = ensure_newsroom(site_name="Quotidien")
section = SectionPage(title="Liban", slug="liban")
home.add_child(instance=section)
section.save_revision().publish()
article = ArticlePage(
    title="Le barrage de Qaraoun se remplit", slug="qaraoun", standfirst="Chapô.",
    body=[("paragraph", "<p>Corps.</p>")], live=False,
)
section.add_child(instance=article)
article.save_revision().publish()
"""
CHANGE = """
from quotidien.news.models import ArticlePage
article = ArticlePage.objects.get(slug="qaraoun")
article.title = "Le barrage de Qaraoun déborde"
article.save_revision().publish()
"""


def quotidien(*command: str, env: dict[str, str]) -> None:
    subprocess.run([QUOTIDIEN, *command], env=env, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def two_machines(own_site):
    """Two servers and a newsroom process, each a machine of its own (its own folder, so its
    own change stamp), on one SQLite file and Redis's database 11 under a key prefix of
    this run; yields each machine's environment, where each server answers, and the
    Redis channel on which changes are announced."""
    root = own_site("two-machines")
    prefix = f"test-{uuid.uuid4().hex}"
    common = {
        **os.environ,
        "DATABASE_URL": database_url(root),
        "MEDIA_ROOT": str(root / "media"),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "DEBUG": "0",
        "SECRET_KEY": "essai-de-deux-serveurs",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        # Versions are read again only when a change is announced: never by chance in time.
        "PAGE_CACHE_MEMO_SECONDS": "3600",
    }
    machines = {
        name: {**common, "QUOTIDIEN_VAR_DIR": str(root / name)} for name in ("newsroom", "a", "b")
    }
    newsroom = machines["newsroom"]
    (root / "newsroom").mkdir()
    quotidien("shell", "-c", CREATE, env=newsroom)
    servers, bases = [], []
    try:
        for name in ("a", "b"):
            (root / name).mkdir()
            (root / name / "static").symlink_to(root / "static")
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [QUOTIDIEN, "serve", f"--port={port}", "--log-level=warning"],
                    env=machines[name],
                    start_new_session=True,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for server, base in zip(servers, bases, strict=True):
            wait_until_answering(base, server, seconds=60)
        yield machines, bases, f"{prefix}:1:changes"
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        client = redis.Redis.from_url(REDIS_URL)
        if keys := list(client.scan_iter(f"{prefix}:*")):
            client.delete(*keys)


def listeners(channel: str) -> int:
    [(_name, count)] = redis.Redis.from_url(REDIS_URL).pubsub_numsub(channel)
    return count


def test_a_change_made_elsewhere_shows_at_once_on_both_servers(two_machines):
    machines, bases, channel = two_machines
    url = "/liban/qaraoun/"
    for base in bases:
        requests.get(base + url, timeout=10)
        requests.get(base + url, timeout=10)
    # Each server listens: without it, a server would stay exact only by reading the
    # versions for every page, and this test would pass all the same.
    deadline = time.monotonic() + 3
    while listeners(channel) < len(bases) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listeners(channel) >= len(bases)
    for base in bases:
        cached = requests.get(base + url, timeout=10)
        assert cached.headers["X-Page-Cache"] == "hit"
        assert "Qaraoun se remplit" in cached.text

    quotidien("shell", "-c", CHANGE, env=machines["newsroom"])

    changed = time.monotonic()
    waiting = set(bases)
    while waiting and time.monotonic() - changed < ANNOUNCED_WITHIN_SECONDS:
        for base in list(waiting):
            page = requests.get(base + url, timeout=10)
            assert page.status_code == 200
            if "Qaraoun déborde" in page.text:
                assert "Qaraoun se remplit" not in page.text
                waiting.discard(base)
    assert not waiting, f"still the old page after {ANNOUNCED_WITHIN_SECONDS} s: {waiting}"
