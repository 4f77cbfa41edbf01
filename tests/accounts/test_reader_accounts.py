"""Readers sign up with a confirmed email, log in and out, reset a password; no brute force."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db
SIGNUP = "/compte/inscription/"
LOGIN = "/compte/connexion/"


def sign_up(client, **fields):
    data = {
        "email": "rima@example.org",
        "display_name": "Rima K.",
        "password1": "Cedres-et-Neige-24",
        "password2": "Cedres-et-Neige-24",
        **fields,
    }
    return client.post(SIGNUP, data)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup_sends_a_confirmation_link_that_activates_the_account(client, home):
    response = sign_up(client)

    user = get_user_model().objects.get(email="rima@example.org")
    assert "Confirmez votre adresse" in response.content.decode()
    assert not user.is_active
    assert mail.outbox[0].to == ["rima@example.org"]
    assert "Confirmez votre adresse e-mail" == mail.outbox[0].subject

    confirmed = client.get(link_in(mail.outbox[0]), follow=True)

    user.refresh_from_db()
    assert user.is_active
    assert "Votre adresse est confirmée : connectez-vous" in confirmed.content.decode()
    logged_in = client.post(
        LOGIN, {"username": "rima@example.org", "password": "Cedres-et-Neige-24"}, follow=True
    )
    assert "Se déconnecter" in logged_in.content.decode()


def test_a_reader_who_signs_up_from_an_offer_comes_back_to_it_once_confirmed(client, home):
    form = client.get(SIGNUP + "?next=/abonnement/").content.decode()
    assert 'name="next" value="/abonnement/"' in form
    sign_up(client, next="/abonnement/")

    confirmed = client.get(link_in(mail.outbox[0]))
    logged_in = client.post(
        confirmed["Location"],
        {"username": "rima@example.org", "password": "Cedres-et-Neige-24", "next": "/abonnement/"},
    )

    assert confirmed["Location"] == LOGIN + "?next=%2Fabonnement%2F"
    assert logged_in["Location"] == "/abonnement/"


def test_a_next_address_elsewhere_is_not_followed_after_confirmation(client, home):
    sign_up(client, next="https://ailleurs.example/piege")

    confirmed = client.get(link_in(mail.outbox[0]))

    assert confirmed["Location"] == LOGIN


def test_confirmation_link_works_once_and_a_forged_one_never(client, home):
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.get(link)

    again = client.get(link)
    forged = client.get("/compte/confirmer/abc:def/")

    assert again.status_code == 400
    assert "Ce lien n’est plus valable" in forged.content.decode()


def test_unconfirmed_account_cannot_log_in_and_is_told_why(client, home):
    sign_up(client)

    response = client.post(
        LOGIN, {"username": "rima@example.org", "password": "Cedres-et-Neige-24"}
    )

    assert "cliquez d’abord sur le lien de confirmation" in response.content.decode()


def test_signup_errors_are_in_french_and_keep_what_was_typed(client, make_reader):
    make_reader("Rima K.", email="deja@example.org")

    same_name = sign_up(client, display_name="rima k.").content.decode()
    mismatch = sign_up(client, password2="autre-chose-99").content.decode()
    weak = sign_up(client, password1="12345678", password2="12345678").content.decode()

    assert "Ce nom est déjà pris" in same_name
    assert "Les deux mots de passe ne sont pas identiques." in mismatch
    assert "Ce mot de passe" in weak
    assert 'value="Rima K."' in mismatch
    assert get_user_model().objects.count() == 1


def test_a_password_like_the_address_names_the_fields_of_the_form(client, home):
    like_address = (
        sign_up(
            client,
            email="jeanmarcdupont@example.net",
            password1="jeanmarcdupont1",
            password2="jeanmarcdupont1",
        )
        .content.decode()
        .replace("\xa0", " ")
    )
    like_name = (
        sign_up(
            client,
            email="autre@example.net",
            display_name="Zeinab Haidar",
            password1="zeinabhaidar",
            password2="zeinabhaidar",
        )
        .content.decode()
        .replace("\xa0", " ")
    )

    assert "Le mot de passe est trop semblable au champ « adresse électronique »." in like_address
    assert "Le mot de passe est trop semblable au champ « nom affiché »." in like_name
    assert "utilisateur" not in like_address + like_name


def test_reader_logs_in_with_email_and_out(client, home, make_reader):
    make_reader("Rima K.", email="rima@example.org")

    response = client.post(
        LOGIN, {"username": "Rima@Example.org", "password": "lecture-Secrete-1"}, follow=True
    )
    assert "Rima K." in response.content.decode()

    out = client.post("/compte/deconnexion/", follow=True)
    assert "Se connecter" in out.content.decode()


def test_repeated_failed_logins_lock_the_account_out_even_with_the_right_password(
    client, make_reader, settings
):
    make_reader(email="rima@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "rima@example.org", "password": "devine"})

    response = client.post(LOGIN, {"username": "rima@example.org", "password": "lecture-Secrete-1"})

    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_back_office_login_is_protected_too(client, home, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post("/admin/login/", {"username": "admin", "password": "devine"})

    assert response.status_code == 429


def test_password_reset_sends_a_link_that_sets_a_new_password(client, make_reader):
    user = make_reader(email="rima@example.org")

    client.post("/compte/mot-de-passe/", {"email": "rima@example.org"})
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Nouveau-Cedre-77", "new_password2": "Nouveau-Cedre-77"},
        follow=True,
    )

    user.refresh_from_db()
    assert "Mot de passe changé" in done.content.decode()
    assert user.check_password("Nouveau-Cedre-77")
