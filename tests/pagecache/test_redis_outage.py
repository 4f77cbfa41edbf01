"""While Redis does not answer, the site goes on from the database, and no page cached
before the outage passes for current after it.

A Redis of the test's own (so that stopping it disturbs no other run), which writes its
data to disk when stopped and reads it back when started: the pages and tokens it held
before the outage are there after it, as after a network cut.
"""

import shutil
import subprocess
import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from quotidien.comments.models import Comment
from quotidien.pagecache import versions
from quotidien.pagecache.models import LostRenewal
from quotidien.pagecache.tasks import renew_lost_versions
from quotidien.ratelimits.models import Counter
from quotidien.settings.caches import redis_caches
from tests.conftest import kept_from_first_rendering
from tests.ports import free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server manquant"),
]


class OwnRedis:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--dir", str(self.folder), "--save", "3600 1", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert self.process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)

    def stop(self):
        """Stopped as a service is: its data saved to disk on the way."""
        self.process.terminate()
        self.process.wait(10)

    def wait_until_heard_gone(self):
        """Until this process's subscription to changes has found the store gone: before
        that, nothing having changed, the pages it keeps are still current and served."""
        deadline = time.monotonic() + 10
        while versions._channel().read() is not None:
            assert time.monotonic() < deadline, "l’abonnement n’a pas vu Redis s’arrêter"
            time.sleep(0.01)


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch):
    # Each read tries the store again at once (in production, not for two seconds).
    monkeypatch.setattr(versions, "UNAVAILABLE_SECONDS", 0.0)
    server = OwnRedis(tmp_path)
    server.start()
    settings.CACHES = kept_from_first_rendering(redis_caches(server.url, uuid.uuid4().hex))
    settings.PAGE_CACHE_FIRST_LEVEL = "pages-local"
    settings.RATE_LIMITS_CACHE = "ratelimits"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_CHANGE_CHANNEL = server.url
    versions.forget()
    yield server
    versions._channel().close()
    if server.process.poll() is None:
        server.stop()
    caches["pages-local"].clear()
    versions.forget()


def read(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_pages_logins_and_comments_go_on_without_redis_and_no_stale_page_after(
    own_redis, paper, make_reader, django_capture_on_commit_callbacks
):
    article, home = paper["article"], paper["home"]
    read(article.url)
    assert read(article.url)[0]["X-Page-Cache"] == "hit"
    reader = make_reader("Nour H.")

    own_redis.stop()
    own_redis.wait_until_heard_gone()

    response, html = read(article.url)
    assert "X-Page-Cache" not in response
    assert "Le barrage de Qaraoun se remplit" in html
    assert "Le barrage de Qaraoun se remplit" in read(home.url)[1]
    # A change made meanwhile shows at once, though its tokens could not be renewed.
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Le barrage de Qaraoun déborde"
        article.save_revision().publish()
    assert "Le barrage de Qaraoun déborde" in read(article.url)[1]
    assert set(LostRenewal.objects.values_list("key", flat=True)) >= {"site"}

    # A reader logs in and comments: the session and the limits are kept in the database.
    client = Client()
    logged_in = client.post(
        "/compte/connexion/", {"username": reader.email, "password": "lecture-Secrete-1"}
    )
    assert logged_in.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(article.url + "commentaires/", {"body": "L’eau monte vite."})
    assert posted.status_code == 302
    assert Comment.objects.get().body == "L’eau monte vite."
    assert Counter.objects.exists()
    assert "L’eau monte vite." in read(article.url, client)[1]

    # Redis is back with what it held: the page and tokens of before the outage. The
    # first read of the versions renews what the outage kept from being renewed, before
    # trusting them, whether or not the worker has come to it.
    own_redis.start()

    response, html = read(article.url)
    assert not LostRenewal.objects.exists()
    assert "Le barrage de Qaraoun déborde" in html and "L’eau monte vite." in html
    assert "Le barrage de Qaraoun déborde" in read(home.url)[1]
    assert read(article.url)[0]["X-Page-Cache"] == "hit"


def test_a_renewal_refused_again_is_kept_for_the_next_run(
    own_redis, paper, django_capture_on_commit_callbacks
):
    own_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        versions.outdate_path(paper["article"].url_path)

    assert renew_lost_versions.enqueue().return_value == 0
    assert LostRenewal.objects.filter(key=f"path:{paper['article'].url_path}").exists()


def test_a_store_gone_again_as_the_renewals_are_made_leaves_the_pages_uncached(
    own_redis, paper, django_capture_on_commit_callbacks, monkeypatch
):
    from quotidien.pagecache import tasks

    own_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        versions.outdate_path(paper["article"].url_path)
    own_redis.start()

    def gone_again():
        raise redis.ConnectionError("Redis injoignable")

    monkeypatch.setattr(tasks, "renew_lost_now", gone_again)
    response, _ = read(paper["article"].url)

    assert "X-Page-Cache" not in response
    assert LostRenewal.objects.exists()
