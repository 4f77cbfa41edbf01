"""A reader may not sign their comments with the name of one of the paper's authors or of a
member of its staff, however it is spelt and whatever is added in brackets."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from quotidien.news.models import Author
from quotidien.news.newsroom import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db
User = get_user_model()
REFUSED = "Ce nom est celui d’un auteur ou d’un membre de l’équipe du journal"


@pytest.fixture
def newsroom(home, make_member):
    Author.objects.create(name="Élias Najjar", slug="elias-najjar")
    Author.objects.create(name="Karim Haddad", slug="karim-haddad")
    Author.objects.create(name="Walid Abbas", slug="walid-abbas")
    make_member(MODERATORS, "Fadi R.", "fadi@quotidien.example")


def sign_up(display_name: str):
    return Client().post(
        "/compte/inscription/",
        {
            "email": "nouveau@example.org",
            "display_name": display_name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )


@pytest.mark.parametrize(
    "name",
    [
        "Élias Najjar",
        "ELIAS NAJJAR",
        "Elias-Najjar.",
        "Karim Haddad (journaliste)",
        "Karim Haddad [Beyrouth]",
        "Fadi R. (lecteur)",
        # Whatever follows it after a comma, a dash, a colon or a bar.
        "Karim Haddad, journaliste",
        "Karim Haddad – Tyr",
        "Karim Haddad - Beyrouth",
        "Karim Haddad : précision",
        "Karim Haddad | Beyrouth",
        # Digits for letters, a doubled letter, a letter of another script.
        "Kar1m Haddad",
        "Karim Hadd4d",
        "Wa1id A8ba5",
        "Karim Haddadd",
        "Kariim Haddad",
        "Karim \u0397addad",
        "Elias Naϳjar",
    ],
)
def test_an_authors_or_a_staff_members_name_is_refused_at_sign_up(newsroom, name):
    response = sign_up(name)

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not User.objects.filter(email="nouveau@example.org").exists()


def test_nor_may_a_reader_take_one_on_my_account(newsroom, make_reader, client):
    reader = make_reader("Rima K.")
    client.force_login(reader)

    response = client.post("/compte/", {"display_name": "Karim Haddad (journaliste)"})

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    reader.refresh_from_db()
    assert reader.display_name == "Rima K."


@pytest.mark.parametrize(
    "name",
    [
        "Élias Najjarian",
        "Karim H.",
        "Un lecteur (Tripoli)",
        "Karim Haddam",
        "Karima Haddad",
    ],
)
def test_names_that_only_resemble_a_byline_are_accepted(newsroom, name):
    assert sign_up(name).status_code == 200
    assert User.objects.get(email="nouveau@example.org").display_name == name


def test_a_member_of_the_staff_may_comment_under_an_authors_name(newsroom, make_member, client):
    editor = make_member(EDITORS, "Rita C.", "rita@quotidien.example")
    client.force_login(editor)

    response = client.post("/compte/", {"display_name": "Élias Najjar"})

    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.display_name == "Élias Najjar"
