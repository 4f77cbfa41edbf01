"""One connection trying passwords on many accounts is stopped, on the site and in the back
office together: the lockout counts per account, this limit per connection."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

pytestmark = pytest.mark.django_db
LOGIN = "/compte/connexion/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "lecture-Secrete-1"


@pytest.fixture
def limit(settings):
    settings.QUOTIDIEN_RATE_LIMITS = {
        **settings.QUOTIDIEN_RATE_LIMITS,
        "login-address": (6, 600),
    }
    return 6


def test_failures_on_many_accounts_from_one_connection_stop_its_logins(
    client, home, make_reader, limit
):
    reader = make_reader(email="nour@example.org")
    for number in range(limit):
        answer = client.post(LOGIN, {"username": f"r{number}@example.org", "password": "Été2026"})
        assert answer.status_code == 200

    stopped = client.post(LOGIN, {"username": reader.email, "password": PASSWORD})

    text = stopped.content.decode().replace("\u202f", " ")
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    assert "Trop de connexions manquées depuis votre connexion" in text
    assert "_auth_user_id" not in client.session
    # Another connection logs in to the same account.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(LOGIN, {"username": reader.email, "password": PASSWORD}).status_code == 302


def test_the_site_and_the_back_office_share_the_count(client, home, limit):
    editor = get_user_model().objects.create_user(
        username="rita", email="rita@quotidien.example", password=PASSWORD, is_staff=True
    )
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for number in range(limit // 2):
        client.post(LOGIN, {"username": f"r{number}@example.org", "password": "devine"})
        client.post(ADMIN_LOGIN, {"username": f"staff{number}", "password": "devine"})

    stopped = client.post(ADMIN_LOGIN, {"username": "rita", "password": PASSWORD})

    assert stopped.status_code == 429
    assert "Trop de connexions manquées" in stopped.content.decode()
    assert "_auth_user_id" not in client.session


def test_logins_that_succeed_do_not_count(client, home, make_reader, limit):
    reader = make_reader(email="nour@example.org")
    for _ in range(limit + 2):
        assert (
            client.post(LOGIN, {"username": reader.email, "password": PASSWORD}).status_code == 302
        )
        client.logout()
