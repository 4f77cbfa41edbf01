"""Errors a reader can meet on a form or an address are told in French, in the site's
words: a form sent without its security cookie, a request too large or for another
site, a method an address does not take."""

import logging

import pytest
from django.test import Client, RequestFactory

from quotidien.errors import server_error

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_csrf_cookie_gets_a_french_page_in_the_layout(home):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        "/compte/connexion/", {"username": "leila@example.org", "password": "mot-de-passe-tapé"}
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr"' in page and 'class="masthead"' in page
    assert "Rechargez la page" in page
    assert "CSRF verification failed" not in page and "Forbidden" not in page
    # Nothing of what was sent comes back.
    assert "leila@example.org" not in page and "mot-de-passe-tapé" not in page
    assert "no-store" in response["Cache-Control"]


def test_a_form_too_large_gets_a_french_400_and_a_one_line_warning(home, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    with caplog.at_level(logging.WARNING):
        response = Client().post("/compte/connexion/", {"username": "a", "password": "é" * 20_000})

    page = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fr"' in page and "Requête incorrecte" in page
    assert "Bad Request" not in page
    [record] = [r for r in caplog.records if r.name == "django.security.RequestDataTooBig"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_huge_unknown_host_is_a_400_and_a_short_warning(home, caplog):
    with caplog.at_level(logging.WARNING):
        response = Client().get("/", HTTP_HOST="a" * 8000)

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    message = record.getMessage()
    assert message.startswith("Invalid HTTP_HOST header: 'aaaa")
    assert len(message) <= 1001 and message.endswith("…")


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",  # no boundary
        "application/x-www-form-urlencoded; charset=utf-16",
    ],
)
def test_a_body_that_cannot_be_read_gets_the_french_400_and_a_one_line_warning(
    home, caplog, content_type
):
    with caplog.at_level(logging.WARNING):
        response = Client().post("/compte/connexion/", b"username=a", content_type=content_type)

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback_in_the_log(caplog):
    from django.utils.log import log_response

    try:
        raise RuntimeError("panne")
    except RuntimeError as error:
        with caplog.at_level(logging.WARNING):
            response = server_error(RequestFactory().get("/"))
            log_response("%s", "panne", response=response, exception=error)

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_an_unknown_host_gets_the_french_400_without_reading_the_database(
    home, settings, django_assert_num_queries
):
    settings.WAGTAIL_SITE_NAME = "L’Écho du Sud"
    settings.STATIC_URL = "https://statique.example/"

    with django_assert_num_queries(0):
        response = Client().get("/", HTTP_HOST="autre-site.example")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Requête incorrecte" in page and "autre-site.example" not in page
    # The paper's name and its stylesheet as configured, read without the database.
    assert "<title>Requête incorrecte | L’Écho du Sud</title>" in page
    assert 'class="masthead__title" href="/">L’Écho du Sud</a>' in page
    assert '<link rel="stylesheet" href="https://statique.example/css/site.css">' in page


def test_a_failure_of_the_site_gets_the_french_500_without_reading_the_database(
    home, settings, monkeypatch, django_assert_num_queries
):
    settings.WAGTAIL_SITE_NAME = "L’Écho du Sud"

    def failing(*args, **kwargs):
        raise RuntimeError("la base ne répond plus")

    monkeypatch.setattr("quotidien.search.results.page_content", failing)
    response = Client(raise_request_exception=False).get("/recherche/?q=port")
    # The page itself reads nothing: the database may be what failed.
    with django_assert_num_queries(0):
        alone = server_error(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "<title>Erreur du serveur | L’Écho du Sud</title>" in page
    assert "Une erreur est survenue" in page and "la base ne répond plus" not in page
    assert alone.content.decode() == page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/compte/deconnexion/"),
        ("options", "/sante/"),
        ("options", "/corrections/rss/"),
        ("put", "/abonnement/stripe/webhook/"),
        ("delete", "/abonnement/stripe/webhook/"),
    ],
)
def test_a_method_an_address_does_not_take_is_told_in_french(client, home, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("Méthode non autorisée")
    assert response["Allow"] in body
    # CommonMiddleware measured the empty body: a client that trusts it would read nothing.
    assert int(response["Content-Length"]) == len(response.content)
