"""Sign-up answers alike whether an address already has an account or not; the owner of
the account is told by e-mail, with the way back in."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db
SIGNUP = "/compte/inscription/"


def sign_up(client, email, display_name="Rima K."):
    return client.post(
        SIGNUP,
        {
            "email": email,
            "display_name": display_name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )


def page_without(response, email: str) -> str:
    return response.content.decode().replace(email, "ADRESSE")


def test_signing_up_with_a_taken_address_looks_the_same_as_with_a_new_one(
    client, home, make_reader
):
    owner = make_reader("Georges A.", email="deja@example.org")

    taken = sign_up(client, "DEJA@example.org", "Rima K.")
    new = sign_up(client, "nouvelle@example.org", "Nadia S.")

    assert taken.status_code == new.status_code == 200
    assert "Confirmez votre adresse" in taken.content.decode()
    assert page_without(taken, "DEJA@example.org".lower()) == page_without(
        new, "nouvelle@example.org"
    )
    assert "existe déjà" not in taken.content.decode()
    owner.refresh_from_db()
    assert owner.check_password("lecture-Secrete-1")
    assert owner.display_name == "Georges A."
    assert get_user_model().objects.filter(email__iexact="deja@example.org").count() == 1


def test_the_owner_of_a_taken_address_is_told_and_shown_how_to_reset_the_password(
    client, home, make_reader
):
    make_reader("Georges A.", email="deja@example.org")

    sign_up(client, "Deja@Example.org")

    (message,) = mail.outbox
    assert message.to == ["deja@example.org"]
    assert "compte" in message.subject.lower()
    assert "Georges A." in message.body
    assert "/compte/mot-de-passe/" in message.body
    assert "/compte/connexion/" in message.body
    assert "/compte/confirmer/" not in message.body


def test_an_unconfirmed_account_signed_up_for_again_takes_the_new_name_and_a_new_link(
    client, home, make_reader
):
    make_reader("Georges A.", email="deja@example.org", is_active=False)

    sign_up(client, "deja@example.org", "Autre nom")

    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/compte/confirmer/\S+)", message.body).group(1)
    client.get(link)
    assert get_user_model().objects.get(email="deja@example.org").is_active
    assert get_user_model().objects.get(email="deja@example.org").display_name == "Autre nom"
