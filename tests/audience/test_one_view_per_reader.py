"""A reader counts once per article and hour, through the page or its beacon: a script
reloading an article from one address cannot put it first in "Les plus lus", however it
names its browser. Readers are remembered without their address, and never more of them
than the cap."""

import pytest
from django.test import Client

from quotidien.audience import counting, counts, readers
from tests.audience.test_beacon import beacon_of
from tests.audience.test_counting import BROWSER, stored_views

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture
def article(make_section, make_article):
    counting.views.flush()
    return make_article(make_section("Liban"), "Le port rouvre ses quais", slug="port")


def reader(address: str) -> Client:
    return Client(REMOTE_ADDR=address, headers=BROWSER)


def view(article, address: str, user_agent: str = BROWSER["user-agent"]) -> None:
    """A view as the page cache or the beacon announces it."""
    meta = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": user_agent}
    counting.count_view(None, meta=meta, counted=article.pk)


def written_views(article) -> int:
    counting.views.flush()
    return stored_views(article)


def test_a_reader_reloading_an_article_counts_once_an_hour(article, clock):
    script = reader("203.0.113.7")
    for _ in range(5):
        assert script.get(article.url).status_code == 200
    assert written_views(article) == 1

    clock.now += 3600
    script.get(article.url), script.get(article.url)

    assert written_views(article) == 2


def test_a_script_reloading_an_article_does_not_outrank_one_read_by_two_readers(
    article, make_section, make_article
):
    read = make_article(make_section("Économie"), "La livre se stabilise")
    script = reader("203.0.113.7")
    for _ in range(20):
        script.get(article.url)
    reader("198.51.100.1").get(read.url), reader("198.51.100.2").get(read.url)
    counting.views.flush()

    assert counts.most_read_ids(2) == [read.pk, article.pk]
    assert (stored_views(read), stored_views(article)) == (2, 1)


def test_readers_differ_by_address_or_browser(article):
    view(article, "203.0.113.7"), view(article, "203.0.113.8")
    # Two people behind one address (a household, an office), not with the same browser.
    view(article, "203.0.113.7", FIREFOX), view(article, "203.0.113.7", FIREFOX)

    assert written_views(article) == 3


def test_a_script_changing_its_browser_at_will_counts_a_few_readers_at_most(article):
    for number in range(20):
        view(article, "203.0.113.7", f"{FIREFOX} ({number})")
        view(article, f"2001:db8:1:2::{number:x}", f"{FIREFOX} ({number})")
    # Another address is another reader, however many came before from the first.
    view(article, "203.0.113.8")

    assert written_views(article) == 2 * readers.BROWSERS_PER_LINE + 1


def test_an_ipv6_reader_counts_once_whichever_address_of_their_line(article):
    view(article, "2001:db8:1:2::1"), view(article, "2001:db8:1:2:ffff:ffff:ffff:ffff")
    view(article, "2001:db8:1:3::1")
    # An IPv4 reader on a dual-stack socket is the same reader as on an IPv4 one.
    view(article, "203.0.113.7"), view(article, "::ffff:203.0.113.7")

    assert written_views(article) == 3


def test_the_beacon_counts_a_reader_once_an_hour(article, settings):
    settings.PAGE_CACHE, settings.PAGE_CACHE_CDN_SECONDS = True, 3600
    beacon = beacon_of(Client().get(article.url, headers=BROWSER))

    answers = [reader("203.0.113.7").get(beacon) for _ in range(5)]
    answers.append(reader("203.0.113.8").get(beacon))

    assert [answer.status_code for answer in answers] == [204] * 6
    assert written_views(article) == 2


def test_the_page_served_from_the_cache_counts_a_reader_once_an_hour(article, settings):
    settings.PAGE_CACHE = True
    pages = [reader("203.0.113.7").get(article.url) for _ in range(4)]

    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit", "hit", "hit"]
    assert written_views(article) == 1


def test_the_page_and_its_beacon_count_a_reader_once_between_them(article, settings):
    settings.PAGE_CACHE_CDN_SECONDS = 3600
    beacon = beacon_of(reader("203.0.113.7").get(article.url))
    # The cache in front gone, the page counts its views itself.
    settings.PAGE_CACHE_CDN_SECONDS = 0

    reader("203.0.113.7").get(beacon), reader("203.0.113.7").get(article.url)
    assert written_views(article) == 1

    reader("203.0.113.8").get(article.url)
    assert written_views(article) == 2


def test_a_flood_of_addresses_is_remembered_up_to_the_cap_the_oldest_forgotten_first(
    article, clock, monkeypatch
):
    monkeypatch.setattr(counting.readers, "limit", 3)
    remembered = []
    for n in range(10):
        view(article, f"203.0.113.{n}")
        remembered.append(len(counting.readers))

    assert remembered == [1, 2, 3, 3, 3, 3, 3, 3, 3, 3]
    # Each of them read the article once.
    assert written_views(article) == 10
    # The newest are still known; the first, forgotten, counts once more.
    view(article, "203.0.113.9"), view(article, "203.0.113.0")
    assert written_views(article) == 11

    clock.now += 3600
    view(article, "203.0.113.9")
    assert len(counting.readers) == 1
    assert written_views(article) == 12


def test_readers_are_remembered_without_their_address_or_browser(article):
    view(article, "203.0.113.7")

    kept = repr(vars(counting.readers))
    assert "203.0.113" not in kept
    assert "Chrome" not in kept
    assert written_views(article) == 1
