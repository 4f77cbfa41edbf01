"""Links sent to readers lead to the paper's address (SITE_URL), whatever host the request
named; the login page is titled after the paper, not after that host."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db
SITE_URL = "https://lequotidien.example"
# A host ALLOWED_HOSTS lets through ("127.0.0.1" with any port), chosen by the sender.
CHOSEN_HOST = "127.0.0.1:6666"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE_URL


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def sign_up(client, email: str = "rima@example.org", display_name: str = "Rima K."):
    return client.post(
        "/compte/inscription/",
        {
            "email": email,
            "display_name": display_name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
        HTTP_HOST=CHOSEN_HOST,
    )


def test_the_password_reset_link_leads_to_the_paper_not_to_the_host_asked(
    client, home, make_reader
):
    make_reader(email="lecteur@example.org")

    client.post("/compte/mot-de-passe/", {"email": "lecteur@example.org"}, HTTP_HOST=CHOSEN_HOST)

    (message,) = mail.outbox
    (link,) = links_in(message)
    assert link.startswith(f"{SITE_URL}/compte/mot-de-passe/")
    assert CHOSEN_HOST not in message.body
    assert client.get(link.removeprefix(SITE_URL)).status_code == 302  # to the form


def test_the_confirmation_link_leads_to_the_paper_not_to_the_host_asked(client, home):
    sign_up(client)

    (message,) = mail.outbox
    (link,) = links_in(message)
    assert link.startswith(f"{SITE_URL}/compte/confirmer/")
    assert client.get(link.removeprefix(SITE_URL)).status_code == 302


def test_the_account_exists_e_mail_links_to_the_paper(client, home, make_reader):
    make_reader(email="rima@example.org")

    sign_up(client, display_name="Rima Khoury")

    (message,) = mail.outbox
    assert links_in(message) == [
        f"{SITE_URL}/compte/connexion/",
        f"{SITE_URL}/compte/mot-de-passe/",
    ]


def test_the_login_page_is_titled_after_the_paper(client, home, settings):
    settings.WAGTAIL_SITE_NAME = "Le Quotidien du Levant"

    page = client.get("/compte/connexion/", HTTP_HOST=CHOSEN_HOST).content.decode()

    assert "<title>Se connecter | Le Quotidien du Levant</title>" in page
    assert CHOSEN_HOST not in page
