"""Articles behind a password (Wagtail's « Confidentialité ») cannot be guessed open, and
their forms are pages of the site, in French."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Texte réservé aux lecteurs du mot de passe."


@pytest.fixture
def section(make_section):
    return make_section("Liban")


@pytest.fixture
def locked(section, make_article):
    """An article behind a password, and the address its form is sent to."""
    article = make_article(
        section, "Pénurie d’eau dans le Metn", body=[("paragraph", f"<p>{SECRET}</p>")]
    )
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="citerne"
    )
    return article, f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"


@pytest.fixture
def few_guesses(settings):
    settings.QUOTIDIEN_RATE_LIMITS = {
        **settings.QUOTIDIEN_RATE_LIMITS,
        "page-password": (3, 3600),
        "page-password-page": (5, 3600),
    }


@pytest.fixture
def usual_limits(settings):
    """The limits a paper gets unless it sets its own (README, PAGE_PASSWORD_ATTEMPTS_…)."""
    settings.QUOTIDIEN_RATE_LIMITS = {
        **settings.QUOTIDIEN_RATE_LIMITS,
        "page-password": (10, 3600),
        "page-password-page": (100, 3600),
    }


def guess(client, article, action, password, address="198.51.100.7"):
    return client.post(
        action, {"password": password, "return_url": article.url}, REMOTE_ADDR=address
    )


def test_a_password_page_is_in_the_site_layout_and_in_french(client, locked):
    article, action = locked
    response = client.get(article.url)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in page and 'class="masthead"' in page
    assert "Mot de passe" in page and f'action="{action}"' in page
    assert SECRET not in page and "Password required" not in page


def test_a_wrong_password_is_told_in_french(client, locked):
    article, action = locked
    response = guess(client, article, action, "faux")

    assert response.status_code == 200
    assert "Le mot de passe saisi est incorrect" in response.content.decode()


def test_password_guesses_from_one_address_stop_at_the_limit(client, locked, few_guesses):
    article, action = locked
    for number in range(3):
        assert guess(client, article, action, f"faux{number}").status_code == 200

    # Even the right password waits: otherwise the limit would only slow a guesser down.
    response = guess(client, article, action, "citerne")

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Trop de tentatives en peu de temps" in response.content.decode()
    assert SECRET not in client.get(article.url).content.decode()
    # Another reader, at another address, is not stopped.
    assert guess(client, article, action, "citerne", address="192.0.2.9").status_code == 302


def test_a_page_guessed_at_from_many_addresses_stops_them_all(client, locked, few_guesses):
    article, action = locked
    for number in range(5):
        guess(client, article, action, "faux", address=f"203.0.113.{number}")

    response = guess(client, article, action, "citerne", address="203.0.113.99")

    assert response.status_code == 429


def test_right_passwords_use_up_no_limit(client, locked, usual_limits):
    article, action = locked
    readers = [f"198.51.{number // 100}.{number % 100}" for number in range(150)]

    answers = [guess(client, article, action, "citerne", address) for address in readers]

    # More readers in an hour than the page's limit on guesses, and each of them gets in.
    assert [answer.status_code for answer in answers] == [302] * 150
    assert guess(client, article, action, "faux").status_code == 200


def test_guesses_from_one_ipv6_line_stop_at_the_limit_whichever_its_address(
    client, locked, usual_limits
):
    article, action = locked
    for number in range(10):
        response = guess(client, article, action, "faux", address=f"2001:db8:1:2::{number:x}")
        assert response.status_code == 200

    response = guess(client, article, action, "citerne", address="2001:db8:1:2:ffff::1")

    assert response.status_code == 429
    assert "Trop de tentatives en peu de temps" in response.content.decode()
    assert guess(client, article, action, "citerne", address="2001:db8:1:3::1").status_code == 302


def test_guesses_at_one_page_leave_another_open(client, locked, few_guesses, make_article, section):
    article, action = locked
    for number in range(3):
        guess(client, article, action, f"faux{number}")
    other = make_article(section, "Récolte des olives")
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="olive"
    )

    response = guess(
        client, other, f"/_util/authenticate_with_password/{restriction.pk}/{other.pk}/", "olive"
    )

    assert response.status_code == 302
    assert response["Location"] == other.url


def test_an_article_for_logged_in_readers_sends_to_the_sites_login_page(
    client, section, make_article
):
    article = make_article(section, "Récolte des olives au Koura")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(article.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")


def test_wagtails_own_login_page_sends_to_the_sites(client):
    response = client.get("/_util/login/?next=/liban/recolte/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=/liban/recolte/"


def test_a_restrictions_form_is_only_served_for_the_pages_it_protects(
    client, locked, make_section, make_article
):
    article, action = locked
    elsewhere = make_article(make_section("Économie"), "Le budget voté en commission")
    restriction_id = action.split("/")[3]

    own = client.get(action)
    other = client.get(f"/_util/authenticate_with_password/{restriction_id}/{elsewhere.pk}/")
    guessed = client.post(
        f"/_util/authenticate_with_password/{restriction_id}/{elsewhere.pk}/",
        {"password": "citerne", "return_url": elsewhere.url},
    )

    assert own.status_code == 200
    assert other.status_code == guessed.status_code == 404
    assert "/rss/economie/" not in other.content.decode()


def test_a_sections_password_opens_the_form_of_the_articles_under_it(client, section, make_article):
    article = make_article(section, "Les citernes de Beit Mery")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="citerne"
    )
    action = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"

    form = client.get(action)
    right = client.post(action, {"password": "citerne", "return_url": article.url})

    assert form.status_code == 200
    assert right.status_code == 302 and right.url == article.url
    assert client.get(article.url).status_code == 200


def test_an_alias_of_a_protected_article_keeps_its_form(client, locked, make_section):
    article, action = locked
    alias = article.create_alias(parent=make_section("Monde"), update_slug="citernes-alias")
    restriction_id = action.split("/")[3]
    alias_action = f"/_util/authenticate_with_password/{restriction_id}/{alias.pk}/"

    # The alias's page asks for the article's password, and its form opens it.
    assert alias_action in client.get(alias.url).content.decode()
    right = client.post(alias_action, {"password": "citerne", "return_url": alias.url})

    assert right.status_code == 302
    assert SECRET in client.get(alias.url).content.decode()
