"""The operators named in ADMINS are told of a server error by e-mail: once for a fault
that every request meets, and without the reader's request waiting for the mail server."""

import logging
import time

import pytest
from django.core import mail
from django.test import Client

from quotidien.error_mail import ThrottledAdminEmailHandler

pytestmark = pytest.mark.django_db


def mails_within(seconds: float, count: int) -> list:
    deadline = time.monotonic() + seconds
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return mail.outbox


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Exploitation", "exploitation@quotidien.example")]
    settings.SERVER_EMAIL = "serveur@quotidien.example"
    # Errors other tests met in this process were told already.
    for name in ("django.request", "django_tasks"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, ThrottledAdminEmailHandler):
                handler.throttle.forget()


def test_a_page_that_fails_is_told_once_to_the_admins(home, admins, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("la base ne répond plus")

    monkeypatch.setattr("quotidien.search.results.page_content", failing)
    browser = Client(raise_request_exception=False)

    assert browser.get("/recherche/?q=port").status_code == 500
    [told] = mails_within(5, 1)
    assert told.to == ["exploitation@quotidien.example"]
    assert told.from_email == "serveur@quotidien.example"
    assert "/recherche/" in told.subject and "la base ne répond plus" in told.body

    assert browser.get("/recherche/?q=eau").status_code == 500
    time.sleep(0.3)
    assert len(mail.outbox) == 1


def test_a_client_error_is_told_to_no_one(home, admins):
    assert Client().get("/aucune-page/").status_code == 404
    assert Client().post("/compte/connexion/", {"username": "x"}).status_code in (200, 403)

    time.sleep(0.3)
    assert mail.outbox == []


def test_a_background_task_that_failed_is_told(admins):
    try:
        raise ValueError("fichier introuvable")
    except ValueError:
        logging.getLogger("django_tasks").exception("Task id=%s path=%s state=%s", 7, "x", "FAILED")

    [told] = mails_within(5, 1)
    assert "Task id=7" in told.subject and "fichier introuvable" in told.body
