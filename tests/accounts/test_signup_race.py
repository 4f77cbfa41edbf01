"""Two people signing up at the same moment: the second to finish, whose form was checked
before the first's account existed, gets the form's French error with what they typed,
never a 500 nor a second account under the same name or address.

On PostgreSQL, two sign-ups also run side by side, in two threads with their own
connections: only the lock between sign-ups keeps both from checking the name and the
address before either account exists."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client

from quotidien.accounts import services, views
from tests import races

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Cedres-et-Neige-24"

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="le verrou consultatif de PostgreSQL ; SQLite fait attendre toute autre "
    "transaction d’écriture dès son début (transaction_mode IMMEDIATE)",
)
# Two sign-ups at once: two connections, each committing its own transactions.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_up(client, email: str, display_name: str):
    return client.post(
        "/compte/inscription/",
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


@pytest.fixture
def first_finishes_meanwhile(monkeypatch):
    """The other sign-up, committed between this one's form check and its account."""

    def arrange(*, email: str, display_name: str):
        def signup_after_the_other(**arguments):
            services.reader_signup(
                email=email,
                display_name=display_name,
                password=PASSWORD,
            )
            return services.reader_signup(**arguments)

        monkeypatch.setattr(views, "reader_signup", signup_after_the_other)

    return arrange


@pytest.fixture
def side_by_side(home, monkeypatch):
    """The answers to two readers posting the sign-up form at the same moment.

    Each sign-up, about to create its account, waits until the other has caught up: has
    reached the same point (both checked the name and the address before either account
    existed), waits for this one's transaction to end, or is over. Which of these comes
    first is up to the sign-ups alone, never up to how fast the machine is."""

    def post(first: dict, second: dict) -> list:
        actions = [lambda reader=reader: sign_up(Client(), **reader) for reader in (first, second)]
        return races.side_by_side(monkeypatch, User, actions)

    return post


def test_the_second_of_two_sign_ups_for_one_name_is_told_it_is_taken(
    client, home, first_finishes_meanwhile
):
    first_finishes_meanwhile(email="rima@example.org", display_name="Rima K.")

    answer = sign_up(client, "rima.khoury@example.org", "rima k.")

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Ce nom est déjà pris par un autre lecteur." in page
    assert 'value="rima.khoury@example.org"' in page and 'value="rima k."' in page
    assert list(User.objects.filter(display_name__iexact="Rima K.").values_list("email")) == [
        ("rima@example.org",)
    ]
    assert [message.to for message in mail.outbox] == [["rima@example.org"]]


@on_postgresql
@committed
def test_of_two_sign_ups_at_once_for_one_name_one_gets_it_the_other_is_told_it_is_taken(
    side_by_side,
):
    readers = [
        {"email": "rima@example.org", "display_name": "Rima K."},
        {"email": "rima.khoury@example.org", "display_name": "rima k."},
    ]

    answers = side_by_side(*readers)

    assert sorted(answer.status_code for answer in answers) == [200, 400]
    (winner,) = [
        reader for reader, answer in zip(readers, answers, strict=True) if answer.status_code == 200
    ]
    (refused,) = [answer for answer in answers if answer.status_code == 400]
    assert "Ce nom est déjà pris par un autre lecteur." in refused.content.decode()
    assert list(User.objects.filter(display_name__iexact="Rima K.").values_list("email")) == [
        (winner["email"],)
    ]
    assert [message.to for message in mail.outbox] == [[winner["email"]]]


@on_postgresql
@committed
def test_two_sign_ups_at_once_for_one_address_make_one_account_and_both_are_told_alike(
    side_by_side,
):
    answers = side_by_side(
        {"email": "rima@example.org", "display_name": "Rima K."},
        {"email": "rima@example.org", "display_name": "Rima Khoury"},
    )

    assert [answer.status_code for answer in answers] == [200, 200]
    assert all("Confirmez votre adresse" in answer.content.decode() for answer in answers)
    assert User.objects.filter(email="rima@example.org").count() == 1
    assert [message.to for message in mail.outbox] == [["rima@example.org"]] * 2
