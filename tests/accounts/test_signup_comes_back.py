"""A reader who signs up from an article's comments comes back to them: the address they
were at travels through the sign-up, its e-mail, the confirmation and the login, and only
when it is one of the site's."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db
# As « créez un compte » under the comments names them.
COMMENTS = "/actualite/un-article/#commentaires"
SIGNUP = "/compte/inscription/"
LOGIN = "/compte/connexion/"
PASSWORD = "Cedres-et-Neige-24"


def sign_up(client, email="nadia@example.org", next=COMMENTS):
    return client.post(
        SIGNUP + "?next=" + quote(next, safe=""),
        {
            "email": email,
            "display_name": "Nadia S.",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^/\s]+(/\S+)", message.body)


def test_signing_up_from_the_comments_brings_the_reader_back_to_them(client, home):
    form = client.get(SIGNUP + "?next=" + quote(COMMENTS, safe="")).content.decode()
    assert f'name="next" value="{COMMENTS}"' in form

    sign_up(client)
    (link,) = links_in(mail.outbox[0])
    confirmed = client.get(link)
    login_page = client.get(confirmed["Location"]).content.decode()
    logged_in = client.post(
        confirmed["Location"],
        {"username": "nadia@example.org", "password": PASSWORD, "next": COMMENTS},
    )

    assert f'name="next" value="{COMMENTS}"' in login_page
    assert logged_in["Location"] == COMMENTS


def test_the_login_pages_sign_up_link_keeps_where_the_reader_was(client, home):
    page = client.get(LOGIN + "?next=" + quote(COMMENTS, safe="")).content.decode()
    elsewhere = client.get(LOGIN + "?next=https://ailleurs.example/piege").content.decode()

    assert f'href="{SIGNUP}?next={quote(COMMENTS, safe="")}"' in page
    assert f'href="{SIGNUP}"' in elsewhere
    assert "ailleurs.example" not in elsewhere


def test_an_address_with_an_account_is_sent_a_login_link_back_to_the_comments(
    client, home, make_reader
):
    make_reader("Nadia Saab", email="nadia@example.org")

    sign_up(client)

    login_link, _reset_link = links_in(mail.outbox[0])
    assert login_link == LOGIN + "?next=" + quote(COMMENTS, safe="")


def test_a_failed_confirmation_offers_to_sign_up_again_for_the_same_page(client, home):
    page = client.get("/compte/confirmer/abc:def/?next=" + quote(COMMENTS, safe=""))

    assert page.status_code == 400
    assert f'href="{SIGNUP}?next={quote(COMMENTS, safe="")}"' in page.content.decode()


def test_the_mastheads_account_links_bring_the_reader_back_to_the_page(
    client, make_section, make_article
):
    article = make_article(make_section("Liban"))
    page = client.get(article.url).content.decode()
    back = "?next=" + quote(article.url, safe="")

    assert f'href="{LOGIN}{back}"' in page
    assert f'href="{SIGNUP}{back}"' in page
    login_page = client.get(LOGIN).content.decode()
    assert f'href="{LOGIN}"' in login_page and "?next=%2Fcompte" not in login_page
    # A search comes back with its words: the query is part of the page.
    search = client.get("/recherche/", {"q": "port"}).content.decode()
    assert f'href="{LOGIN}?next={quote("/recherche/?q=port", safe="")}"' in search
