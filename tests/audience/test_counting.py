"""Article views: counted in memory, written in batches, cache hits included."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client, RequestFactory

from quotidien.audience import counting, counts
from quotidien.audience.models import HourlyViews
from quotidien.pagecache.front import PageCacheFront

pytestmark = pytest.mark.django_db

BROWSER = {"user-agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile"}


@pytest.fixture
def article(make_section, make_article):
    counting.views.flush()
    return make_article(make_section("Liban"), "Le port rouvre ses quais")


def stored_views(article) -> int:
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))


def through_front(url, address: str) -> int:
    """Ask the WSGI entry for `url` from `address`; the status it answered with."""
    environ = RequestFactory().get(url, headers=BROWSER, REMOTE_ADDR=address).environ

    def django(environ, start_response):
        raise AssertionError("a cached page is answered before Django")

    answer = {}
    PageCacheFront(django)(environ, lambda status, headers: answer.update(status=status))
    return int(answer["status"][:3])


def test_one_write_adds_views_served_by_django_and_from_the_cache(article, settings):
    settings.PAGE_CACHE = True
    first = Client(REMOTE_ADDR="203.0.113.1").get(article.url, headers=BROWSER)
    second = Client(REMOTE_ADDR="203.0.113.2").get(article.url, headers=BROWSER)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert through_front(article.url, "203.0.113.3") == 200

    counting.views.flush()

    assert stored_views(article) == 3


def test_batches_add_to_the_hour_already_written(article):
    hour = int(datetime.now(UTC).timestamp() // 3600)

    counts.add_views({(article.pk, hour): 4})
    counts.add_views({(article.pk, hour): 3, (article.pk, hour - 1): 1})

    assert HourlyViews.objects.get(article=article, hour=counts.hour_start(hour)).views == 7
    assert stored_views(article) == 8


def test_views_wait_for_the_next_batch_when_the_database_refuses_them(article, monkeypatch):
    def refuse(batch):
        from django.db import OperationalError

        raise OperationalError("database is locked")

    buffer = counting.ViewBuffer(refuse)
    buffer.add(article.pk), buffer.add(article.pk)
    buffer.flush()

    assert sum(buffer.pending().values()) == 2
    buffer.write = counts.add_views
    buffer.flush()
    assert stored_views(article) == 2


def test_a_write_forgets_hours_older_than_two_days(article):
    now = int(datetime.now(UTC).timestamp() // 3600)
    counts.add_views({(article.pk, now - counting.KEEP_HOURS - 1): 9})
    buffer = counting.ViewBuffer(counts.add_views)

    buffer.add(article.pk)
    buffer.flush()

    assert list(HourlyViews.objects.values_list("hour", "views")) == [(counts.hour_start(now), 1)]


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (Linux; Android 11; moto g power) Chrome-Lighthouse",
        "facebookexternalhit/1.1",
    ],
)
def test_programs_are_not_readers(user_agent):
    assert counting.is_bot(user_agent)


@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER["user-agent"],
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ],
)
def test_browsers_are_readers(user_agent):
    assert not counting.is_bot(user_agent)


def test_counts_are_kept_by_the_hour_they_were_read_in():
    assert counts.hour_start(490_000) == datetime(2025, 11, 24, 16, tzinfo=UTC)
    assert counts.hour_start(490_001) - counts.hour_start(490_000) == timedelta(hours=1)
