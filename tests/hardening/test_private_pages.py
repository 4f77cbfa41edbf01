"""A page made for a logged-in reader says so to every cache on the way
(`Cache-Control: private`): a CDN that ignores `Vary: Cookie` must not keep it."""

import pytest
from django.utils.cache import get_max_age

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, make_reader):
    user = make_reader("Leïla Mansour")
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "path", ["/", "/liban/", "/recherche/?q=eau", "/commentaires/mes-commentaires/"]
)
def test_a_logged_in_readers_pages_are_private(client, reader, make_section, path):
    make_section("Liban")

    response = client.get(path)

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control
    assert "no-cache" in cache_control


def test_anonymous_pages_stay_public_for_the_page_cache(client, settings, home):
    settings.PAGE_CACHE = True

    client.get("/")
    response = client.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
    assert get_max_age(response) == 0


def test_a_logged_in_readers_private_page_keeps_its_no_store(client, reader):
    response = client.get("/compte/abonnement/")

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_what_a_logged_in_reader_gets_without_their_session_stays_public(client, reader):
    response = client.get("/rss/")

    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
