"""The channel of changes, on a real Redis: a change announced by another process reaches
this one's listener, which gives up the pages it keeps in its own memory at once.

Without its subscription a process stays exact by reading the versions for each page, so
only the cost tells a listener that never subscribed: these tests measure it (queries)."""

import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotidien.pagecache import versions
from quotidien.pagecache.changes import ChangeChannel
from tests.pagecache.test_front import cached, through_front

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/9"
SUBSCRIBED_WITHIN_SECONDS = 3.0
ANNOUNCED_WITHIN_SECONDS = 1.0

ANNOUNCE = """
import sys
from quotidien.pagecache.changes import ChangeChannel
ChangeChannel(sys.argv[1], sys.argv[2]).renew()
"""


@pytest.fixture
def redis_channel(two_levels):
    """Changes announced on Redis's database 9, on a channel of this test's own; pages
    kept in the shared cache and in this process's memory, as with REDIS_URL."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis ne répond pas sur {REDIS_URL} ({error}) : canal non essayé")
    settings = two_levels
    settings.CACHES = {
        **settings.CACHES,
        # The channel is named after the versions' keys: a prefix of this test's own.
        "versions": {**settings.CACHES["versions"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"},
    }
    settings.PAGE_CACHE_CHANGE_CHANNEL = REDIS_URL
    versions.forget()
    opened = []
    real_init = ChangeChannel.__init__

    def kept(channel, *args):
        real_init(channel, *args)
        opened.append(channel)

    ChangeChannel.__init__ = kept
    try:
        yield caches["versions"].make_key("changes")
    finally:
        ChangeChannel.__init__ = real_init
        for channel in opened:
            channel.close()
        versions.forget()


def served_from_memory(url: str) -> bool:
    """Whether this process answers `url` from its own memory without a query."""
    with CaptureQueriesContext(connection) as queries:
        calls = through_front(url)[3]
    return calls == 0 and not queries


def announce_from_another_process(channel: str) -> None:
    subprocess.run(
        [sys.executable, "-c", ANNOUNCE, REDIS_URL, channel],
        check=True,
        capture_output=True,
        timeout=30,
    )


def within(seconds: float, condition) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_change_announced_by_another_process_evicts_the_page_kept_here(paper, redis_channel):
    url = paper["article"].url
    cached(url)
    # Once the listener's subscription is confirmed, the versions read are trusted.
    assert within(SUBSCRIBED_WITHIN_SECONDS, lambda: served_from_memory(url)), (
        "the listener never subscribed: each page reads the versions"
    )

    # Another machine: a new token in the shared store, and this machine's stamp left as it
    # was, so that only the channel can tell.
    caches["versions"].set(versions.SITE, "changed elsewhere")
    assert served_from_memory(url)
    announce_from_another_process(redis_channel)

    assert within(ANNOUNCED_WITHIN_SECONDS, lambda: through_front(url)[3] == 1), (
        f"the page kept here was still served {ANNOUNCED_WITHIN_SECONDS} s after the change"
    )


def test_without_its_subscription_a_process_reads_the_versions_for_each_page(
    paper, redis_channel, monkeypatch
):
    monkeypatch.setattr(ChangeChannel, "_subscribe", lambda channel: None)
    url = paper["article"].url
    cached(url)

    assert not within(0.3, lambda: served_from_memory(url))
    caches["versions"].set(versions.SITE, "changed elsewhere")
    assert through_front(url)[3] == 1
