"""A login lockout holds an account whichever way its login is spelt: on the site, in the
back office and through the API; unknown logins are counted the same way."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db
LOGIN = "/compte/connexion/"
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/readers/token/"
PASSWORD = "lecture-Secrete-1"


@pytest.fixture
def editeur(db):
    user = get_user_model().objects.create_user(
        username="editeur",
        email="Editeur@Quotidien.example",
        password=PASSWORD,
        is_staff=True,
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_a_reader_locked_out_stays_locked_out_whatever_the_case_of_the_address(
    client, home, make_reader, settings
):
    make_reader(email="x5@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "x5@example.org", "password": "devine"})

    for spelling in ("X5@example.org", "x5@EXAMPLE.ORG", " x5@example.org "):
        guess = client.post(LOGIN, {"username": spelling, "password": "encore"})
        right = client.post(LOGIN, {"username": spelling, "password": PASSWORD})

        assert guess.status_code == 429
        assert right.status_code == 429
        assert "Connexion temporairement bloquée" in right.content.decode()
        assert "_auth_user_id" not in client.session


def test_failures_spread_over_several_spellings_add_up_to_a_lockout(
    client, home, make_reader, settings
):
    make_reader(email="x5@example.org")
    spellings = ["x5@example.org", "X5@example.org", "x5@EXAMPLE.ORG", "X5@Example.Org"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": spellings[number % 4], "password": "devine"})

    response = client.post(LOGIN, {"username": "x5@example.org", "password": PASSWORD})

    assert response.status_code == 429


def test_a_locked_editor_cannot_get_into_the_back_office_with_their_email_address(
    client, home, editeur, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(ADMIN_LOGIN, {"username": "editeur", "password": "devine"})

    by_email = client.post(
        ADMIN_LOGIN, {"username": "editeur@quotidien.example", "password": PASSWORD}
    )
    by_name = client.post(ADMIN_LOGIN, {"username": "EDITEUR", "password": PASSWORD})

    assert by_email.status_code == 429
    assert by_name.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_the_site_with_the_username_lock_the_email_address_in_the_back_office(
    client, home, editeur, settings
):
    for number in range(settings.AXES_FAILURE_LIMIT):
        login = "editeur" if number % 2 else "EDITEUR@quotidien.example"
        client.post(LOGIN, {"username": login, "password": "devine"})

    response = client.post(
        ADMIN_LOGIN, {"username": "Editeur@Quotidien.example", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_the_api_token_endpoint_locks_the_account_across_spellings(
    client, home, make_reader, settings
):
    make_reader(email="x5@example.org")
    spellings = ["x5@example.org", "X5@example.org", "x5@EXAMPLE.ORG", "X5@EXAMPLE.ORG"]
    answers = [
        client.post(
            TOKEN,
            {"email": spellings[number % 4], "password": "devine"},
            content_type="application/json",
        ).status_code
        for number in range(settings.AXES_FAILURE_LIMIT + 3)
    ]
    right = client.post(
        TOKEN, {"email": "X5@example.org", "password": PASSWORD}, content_type="application/json"
    )

    # The failure that reaches the limit is answered with the lockout already, as on the site.
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [401] * (limit - 1)
    assert set(answers[limit - 1 :]) == {429}
    assert right.status_code == 429
    assert right.json()["erreur"]["code"] == "compte_bloque"


def test_a_locked_reader_on_the_site_is_locked_in_the_api_too(client, home, make_reader, settings):
    make_reader(email="x5@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "X5@example.org", "password": "devine"})

    response = client.post(
        TOKEN, {"email": "x5@example.org", "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 429


def test_unknown_logins_are_counted_case_folded_and_answered_as_known_ones(
    client, home, make_reader, settings
):
    make_reader(email="connu@example.org")
    for login in ("connu@example.org", "inconnu@example.org"):
        for number in range(settings.AXES_FAILURE_LIMIT):
            spelling = login.upper() if number % 2 else login
            client.post(LOGIN, {"username": spelling, "password": "devine"})

    known = client.post(LOGIN, {"username": "Connu@example.org", "password": "devine"})
    unknown = client.post(LOGIN, {"username": "Inconnu@example.org", "password": "devine"})

    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        "connu@example.org",
        "inconnu@example.org",
    }


def test_a_successful_login_clears_the_failures_of_every_spelling(
    client, home, make_reader, settings
):
    make_reader(email="x5@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "X5@EXAMPLE.org", "password": "devine"})

    client.post(LOGIN, {"username": "x5@example.org", "password": PASSWORD})

    assert not AccessAttempt.objects.exists()
