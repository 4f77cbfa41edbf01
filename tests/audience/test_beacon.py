"""Behind a shared cache (Varnish, a CDN: PAGE_CACHE_CDN_SECONDS above 0) a view served by
the cache never reaches the site, so the article counts its views through a small request
of its own that the cache never keeps: each view counted once, whoever served the page."""

import re

import pytest
from django.test import Client

from quotidien.audience import counting
from quotidien.audience.models import HourlyViews
from tests.audience.test_counting import BROWSER

pytestmark = pytest.mark.django_db

BEACON = re.compile(r'<img src="(/audience/lu/[^"]+/)" alt="" hidden>')


@pytest.fixture
def article(make_section, make_article):
    counting.views.flush()
    return make_article(make_section("Liban"), "Le port rouvre ses quais", slug="port")


@pytest.fixture
def behind_a_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_CDN_SECONDS = 3600


def stored_views(article) -> int:
    counting.views.flush()
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))


def beacon_of(page) -> str:
    [address] = BEACON.findall(page.content.decode())
    return address


def test_a_view_served_by_the_cache_in_front_counts_through_the_page_s_beacon(
    article, behind_a_cache
):
    page = Client().get(article.url, headers=BROWSER)
    # Kept by the cache in front for an hour, or until midnight (site time) if sooner: the
    # page shows the day's date.
    shared_seconds = int(re.search(r"s-maxage=(\d+)", page["Cache-Control"])[1])
    assert 0 < shared_seconds <= 3600
    beacon = beacon_of(page)

    # The page reached the site once; the cache in front served it to two more readers,
    # whose browsers each asked for the beacon.
    answers = [Client(REMOTE_ADDR=f"203.0.113.{n}").get(beacon, headers=BROWSER) for n in range(3)]

    assert [answer.status_code for answer in answers] == [204] * 3
    assert all("no-store" in answer["Cache-Control"] for answer in answers)
    assert not any(answer.cookies for answer in answers)
    assert stored_views(article) == 3


def test_the_beacon_counts_no_program_and_no_address_it_did_not_sign(article, behind_a_cache):
    beacon = beacon_of(Client().get(article.url, headers=BROWSER))
    robot = {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}
    forged = beacon.replace(f"/lu/{article.pk}:", f"/lu/{article.pk + 1}:")

    assert Client().get(beacon, headers=robot).status_code == 204
    assert Client().get(forged, headers=BROWSER).status_code == 404
    assert stored_views(article) == 0


def test_only_the_article_itself_carries_a_beacon(article, behind_a_cache):
    comments = Client().get(article.url + "commentaires/", headers=BROWSER)

    assert comments.status_code == 200
    assert not BEACON.search(comments.content.decode())


def test_without_a_cache_in_front_the_site_counts_the_page_itself_and_has_no_beacon(
    article, settings
):
    settings.PAGE_CACHE = True
    page = Client().get(article.url, headers=BROWSER)

    assert not BEACON.search(page.content.decode())
    assert stored_views(article) == 1
