"""The password reset speaks French from its address to its rules: the page of the link
sent is under a French address, and the three forms that choose a password (sign-up,
reset, change) say the same rules in the same words."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def helptext(page: str, field: str) -> str:
    found = re.search(rf'<div class="helptext" id="id_{field}_helptext">(.*?)</div>', page, re.S)
    return found.group(1).strip()


@pytest.fixture
def reset_form(client, make_reader):
    """The reader's reset form, as the link of the e-mail opens it."""
    make_reader(email="rima@example.org")
    client.post("/compte/mot-de-passe/", {"email": "rima@example.org"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    return client.get(link, follow=True)


def test_the_reset_form_is_at_a_french_address(reset_form):
    address = reset_form.redirect_chain[-1][0]

    assert re.fullmatch(r"/compte/mot-de-passe/[\w-]+/nouveau/", address)
    assert "set-password" not in address


def test_the_password_rules_read_the_same_on_sign_up_reset_and_change(
    client, reset_form, make_reader
):
    reset = helptext(reset_form.content.decode(), "new_password1")
    signup = helptext(client.get("/compte/inscription/").content.decode(), "password1")
    client.force_login(make_reader())
    change = helptext(client.get("/compte/changer-mot-de-passe/").content.decode(), "new_password1")

    assert signup == reset == change
    assert signup.startswith("Au moins 8 caractères")
    assert "<li>" not in reset


def test_a_link_voided_by_a_login_since_says_so(client, make_reader):
    make_reader(email="rima@example.org")
    client.post("/compte/mot-de-passe/", {"email": "rima@example.org"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    # The reader remembers their password and logs in before opening the link.
    assert (
        client.post(
            "/compte/connexion/", {"username": "rima@example.org", "password": "lecture-Secrete-1"}
        ).status_code
        == 302
    )
    client.logout()

    page = client.get(link, follow=True).content.decode()

    assert "Ce lien n’est plus valable" in page
    assert "une connexion à votre compte depuis son envoi" in page
    assert 'href="/compte/mot-de-passe/"' in page
