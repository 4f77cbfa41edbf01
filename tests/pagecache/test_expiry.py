"""How long a cached page lasts: what a response allows, and never past local midnight."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from quotidien.pagecache import pages, reads

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock, set by the test (seconds since the epoch): today at noon,
    site time, unless the test sets it."""
    now = SimpleNamespace(value=local(timezone.localdate(), 12, 0))
    monkeypatch.setattr(pages, "time", SimpleNamespace(time=lambda: now.value))
    return now


def mark(url) -> str:
    return Client().get(url)["X-Page-Cache"]


def local(day, hour, minute, second=0) -> float:
    zone = timezone.get_default_timezone()
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone).timestamp()


def test_front_page_is_kept_five_minutes_at_most(paper, clock):
    mark("/")
    assert mark("/") == "hit"

    clock.value += 5 * 60 - 1
    assert mark("/") == "hit"
    clock.value += 2
    assert mark("/") == "miss"
    assert mark("/") == "hit"


def test_an_article_is_kept_until_it_changes(paper, clock):
    url = paper["article"].url
    mark(url)

    clock.value += 3 * 3600

    assert mark(url) == "hit"


def test_no_page_is_served_after_the_local_midnight_of_the_day_it_was_stored(paper, clock):
    url = paper["article"].url
    day = timezone.localdate()
    clock.value = local(day, 23, 58)
    mark(url)

    clock.value = local(day, 23, 59, 59)
    assert mark(url) == "hit"
    clock.value = local(day + timedelta(days=1), 0, 0, 1)
    assert mark(url) == "miss"


def test_midnight_is_the_site_times(settings):
    settings.TIME_ZONE = "Asia/Beirut"
    evening = datetime.fromisoformat("2026-12-05T21:30:00+00:00").timestamp()  # 23:30 in Beirut

    midnight = datetime.fromtimestamp(pages.next_midnight(evening), timezone.get_default_timezone())

    assert midnight.isoformat() == "2026-12-06T00:00:00+02:00"


def test_a_cdn_is_told_to_keep_the_front_page_no_longer_than_the_cache_does(paper, settings):
    settings.PAGE_CACHE_CDN_SECONDS = 3600

    cache_control = Client().get("/")["Cache-Control"]

    seconds = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 0 < seconds <= 300


def test_a_read_kept_for_a_while_is_read_again_after_it(monkeypatch):
    kept = reads.KeptReads("test-while", 1, seconds=60)
    clock = SimpleNamespace(value=1000.0)
    monkeypatch.setattr(reads, "time", SimpleNamespace(monotonic=lambda: clock.value))
    answers = iter(["first", "second"])

    assert kept.get("key", lambda: next(answers)) == "first"
    clock.value += 59
    assert kept.get("key", lambda: next(answers)) == "first"
    clock.value += 2
    assert kept.get("key", lambda: next(answers)) == "second"
