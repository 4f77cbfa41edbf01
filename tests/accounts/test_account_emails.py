"""Account e-mails leave from the worker, so that a page answers as fast whether the address
it names has an account or not; the SMTP server is set from the environment."""

import json
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.test import Client
from django_tasks import default_task_backend

pytestmark = pytest.mark.django_db
RESET = "/compte/mot-de-passe/"


@pytest.fixture
def worker(settings):
    """Tasks wait in a queue; calling the fixture runs what waits, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def run() -> None:
        waiting = list(default_task_backend.results)
        default_task_backend.clear()
        for result in waiting:
            result.task.call(*result.args, **result.kwargs)

    return run


def queued() -> list[str]:
    return [result.task.name for result in default_task_backend.results]


def test_a_password_reset_is_answered_alike_and_mailed_by_the_worker(worker, make_reader):
    make_reader("Rima K.", email="rima@example.org")

    known = Client().post(RESET, {"email": "Rima@example.org"})
    unknown = Client().post(RESET, {"email": "personne@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert mail.outbox == []
    assert queued() == ["mail_password_reset", "mail_password_reset"]
    worker()
    (message,) = mail.outbox
    assert message.to == ["rima@example.org"]
    assert "/compte/mot-de-passe/" in message.body


def test_a_sign_up_is_answered_alike_and_mailed_by_the_worker(worker, home, make_reader):
    make_reader("Georges A.", email="deja@example.org")

    def sign_up(email: str, display_name: str):
        password = "Cedres-et-Neige-24"
        return Client().post(
            "/compte/inscription/",
            {
                "email": email,
                "display_name": display_name,
                "password1": password,
                "password2": password,
            },
        )

    taken = sign_up("deja@example.org", "Rima K.")
    new = sign_up("nouvelle@example.org", "Nadia S.")

    assert taken.status_code == new.status_code == 200
    assert mail.outbox == []
    assert sorted(name for name in queued() if name.startswith("mail_")) == [
        "mail_account_exists",
        "mail_confirmation",
    ]
    worker()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "deja@example.org",
        "nouvelle@example.org",
    ]


def test_a_change_of_address_is_mailed_by_the_worker(worker, make_reader):
    reader = make_reader("Rima K.", email="rima@example.org")
    make_reader("Georges A.", email="deja@example.org")
    client = Client()
    client.force_login(reader)

    free = client.post(
        "/compte/adresse/", {"email": "rima@ailleurs.example", "password": "lecture-Secrete-1"}
    )
    taken = client.post(
        "/compte/adresse/", {"email": "deja@example.org", "password": "lecture-Secrete-1"}
    )

    assert free.status_code == taken.status_code == 200
    assert mail.outbox == []
    assert queued() == ["mail_email_change", "mail_email_change"]
    worker()
    assert [message.to for message in mail.outbox] == [
        ["rima@ailleurs.example"],
        ["deja@example.org"],
    ]
    assert "/compte/adresse/confirmer/" in mail.outbox[0].body
    assert "/compte/adresse/confirmer/" not in mail.outbox[1].body


SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.journal.example",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "envois",
    "EMAIL_HOST_PASSWORD": "mot-de-passe-smtp",
    "EMAIL_USE_TLS": "true",
    "DEFAULT_FROM_EMAIL": "Le Quotidien <redaction@journal.example>",
    "SERVER_EMAIL": "alertes@journal.example",
}


def email_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    names = [*SMTP, "EMAIL_USE_SSL", "EMAIL_TIMEOUT"]
    show = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DATABASE_URL"))}
    clean.update(DJANGO_SETTINGS_MODULE="quotidien.settings", QUOTIDIEN_VAR_DIR=str(tmp_path))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env=clean,
        capture_output=True,
        text=True,
    )


def test_the_smtp_server_is_set_from_the_environment(tmp_path):
    shown = json.loads(email_settings(tmp_path, **SMTP).stdout)

    assert shown == {
        **SMTP,
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_tls_and_ssl_at_once_are_refused_with_a_hint(tmp_path):
    result = email_settings(tmp_path, EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")

    assert result.returncode != 0
    assert "EMAIL_USE_TLS" in result.stderr and "EMAIL_USE_SSL" in result.stderr
