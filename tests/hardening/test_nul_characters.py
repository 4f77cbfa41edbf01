"""A NUL character where no text may hold one (an address, a cookie, a choice in a form) is
the client's doing: an answer under 500 on every database. PostgreSQL refuses NUL in any
text it is asked about, SQLite does not: these pass on SQLite without a fix, and are meant
for the PostgreSQL run."""

from datetime import timedelta

import pytest
from django.test import Client

from quotidien.subscriptions.models import Plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/nimporte%00quoi", "/liban/%00/", "/auteurs/%00/", "/abonnement/offre/%00/"]
)
def test_an_address_with_a_nul_is_not_found(home, make_section, settings, path):
    # Through the page cache, whose versions are in the database without Redis.
    settings.PAGE_CACHE = True
    make_section("Liban")

    response = Client().get(path)

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_session_cookie_with_a_nul_is_an_anonymous_reader(home):
    browser = Client()
    browser.cookies["sessionid"] = "\x00abcdefghij"

    response = browser.get("/")

    assert response.status_code == 200
    assert "Se connecter" in response.content.decode()
    # The browser is told to forget it.
    assert response.cookies["sessionid"].value == ""


@pytest.mark.parametrize("field", ["plan", "currency"])
def test_a_checkout_choice_with_a_nul_sends_back_to_the_offers(home, make_reader, field):
    Plan.objects.create(name="Mensuel", slug="mensuel", interval=Plan.Interval.MONTH)
    browser = Client()
    browser.force_login(make_reader(age=timedelta(days=30)))

    response = browser.post(
        "/abonnement/paiement/", {"plan": "mensuel", "currency": "USD", field: "\x00"}
    )

    assert (response.status_code, response.url) == (302, "/abonnement/")


def test_a_media_name_too_long_for_the_disk_is_not_found(home):
    assert Client().get("/media/" + "a" * 300).status_code == 404
    assert Client().get("/media/images/" + "b" * 300 + ".jpg").status_code == 404


def test_a_nul_in_a_public_page_s_parameters_is_ignored_or_refused(
    home, make_section, make_article
):
    article = make_article(make_section("Liban"), "Le barrage de Qaraoun se remplit")
    browser = Client()

    for url in (
        "/droit-de-reponse/?article=%00",
        f"/droit-de-reponse/?article={article.url}%00",
        f"{article.url}?cadeau=%00",
        "/recherche/?q=eau&auteur=%00&rubrique=%00",
        "/corrections/?page=%00",
    ):
        assert browser.get(url).status_code < 500, url
