"""An account nobody confirmed belongs to no one yet: a new sign-up for its address takes it
over, a confirmation link logs no one in, and the worker forgets it once its links expire."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import default_task_backend

from quotidien.accounts.tasks import purge_unconfirmed_accounts
from quotidien.subscriptions.models import Plan, Subscription

pytestmark = pytest.mark.django_db
User = get_user_model()
SIGNUP = "/compte/inscription/"
LOGIN = "/compte/connexion/"
CONFIRMED = "Votre adresse est confirmée : connectez-vous avec votre mot de passe."


def sign_up(client, display_name: str, password: str, **fields):
    return client.post(
        SIGNUP,
        {
            "email": "rima@example.org",
            "display_name": display_name,
            "password1": password,
            "password2": password,
            **fields,
        },
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/compte/confirmer/\S+)", message.body).group(1)


def logs_in(password: str) -> bool:
    response = Client().post(LOGIN, {"username": "rima@example.org", "password": password})
    return response.status_code == 302


@pytest.fixture
def squatted(home):
    """An attacker signed up first with Rima's address; then Rima signs up herself."""
    sign_up(Client(), "Pirate Masque", "Pirate-Secret-99")
    first_link = confirmation_link(mail.outbox[0])
    answer = sign_up(Client(), "Rima K.", "Cedres-et-Neige-24")
    return first_link, answer


def test_a_new_sign_up_replaces_the_name_and_password_of_an_unconfirmed_account(squatted):
    _, answer = squatted

    assert "Confirmez votre adresse" in answer.content.decode()
    account = User.objects.get(email="rima@example.org")
    assert account.display_name == "Rima K."
    assert account.check_password("Cedres-et-Neige-24")
    assert not account.check_password("Pirate-Secret-99")
    latest = mail.outbox[-1]
    assert latest.to == ["rima@example.org"]
    assert "Bonjour Rima K." in latest.body
    assert "Pirate" not in latest.body


def test_the_earlier_link_no_longer_opens_the_account(squatted):
    first_link, _ = squatted

    response = Client().get(first_link)

    assert response.status_code == 400
    assert not User.objects.get(email="rima@example.org").is_active


def test_only_the_last_signer_up_can_log_in_once_confirmed(squatted):
    Client().get(confirmation_link(mail.outbox[-1]))

    assert User.objects.get(email="rima@example.org").is_active
    assert logs_in("Cedres-et-Neige-24")
    assert not logs_in("Pirate-Secret-99")


def test_a_confirmation_link_confirms_but_logs_no_one_in(home):
    sign_up(Client(), "Rima K.", "Cedres-et-Neige-24", next="/abonnement/")
    opener = Client()

    confirmed = opener.get(confirmation_link(mail.outbox[0]))
    page = unescape(opener.get(confirmed["Location"]).content.decode())

    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(LOGIN)
    assert "next=/abonnement/" in confirmed["Location"].replace("%2F", "/")
    assert "_auth_user_id" not in opener.session
    assert CONFIRMED in page
    assert 'value="rima@example.org"' in page
    assert User.objects.get(email="rima@example.org").is_active


@pytest.fixture
def unconfirmed(make_reader):
    """Unconfirmed accounts just past and just within the links' validity, a confirmed one
    as old, and an unconfirmed old one that a subscription names."""
    days = timedelta(days=settings.ACCOUNT_CONFIRMATION_DAYS)
    expired = make_reader("Expire", is_active=False, age=days + timedelta(hours=1))
    recent = make_reader("Recent", is_active=False, age=days - timedelta(hours=1))
    confirmed = make_reader("Confirme", age=days * 10)
    subscribed = make_reader("Abonne", is_active=False, age=days * 10)
    Subscription.objects.create(
        user=subscribed,
        plan=Plan.objects.create(name="Mensuel", slug="mensuel"),
        status=Subscription.Status.ACTIVE,
        source=Subscription.Source.MANUAL,
        currency="USD",
        amount=10,
        current_period_end=timezone.now() + timedelta(days=20),
    )
    return expired, recent, confirmed, subscribed


@pytest.mark.parametrize("options", [[], ["--now"]], ids=["worker", "now"])
def test_the_worker_forgets_unconfirmed_accounts_whose_links_expired(unconfirmed, options):
    expired, recent, confirmed, subscribed = unconfirmed

    call_command("purge_unconfirmed_accounts", *options, verbosity=0)

    left = set(User.objects.values_list("pk", flat=True))
    assert expired.pk not in left
    assert {recent.pk, confirmed.pk, subscribed.pk} <= left


def test_a_new_sign_up_gives_an_unconfirmed_account_a_new_validity(unconfirmed, home):
    expired = unconfirmed[0]

    sign_up(Client(), "Rima K.", "Cedres-et-Neige-24", email=expired.email)
    call_command("purge_unconfirmed_accounts")

    assert User.objects.get(pk=expired.pk).display_name == "Rima K."


def test_each_sign_up_leaves_the_worker_a_purge_for_when_its_link_expires(
    home, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client(), "Rima K.", "Cedres-et-Neige-24")

    (purge,) = [
        result.task
        for result in default_task_backend.results
        if result.task.func is purge_unconfirmed_accounts.func
    ]
    expires = timezone.now() + timedelta(days=settings.ACCOUNT_CONFIRMATION_DAYS)
    assert expires < purge.run_after < expires + timedelta(hours=1)
