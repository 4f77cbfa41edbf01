"""A reader's name cannot pass for another reader's, nor for the paper's or its staff's."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from quotidien.accounts.names import check_display_name, display_name_key

pytestmark = pytest.mark.django_db
User = get_user_model()
SIGNUP = "/compte/inscription/"


def sign_up(client, display_name: str):
    return client.post(
        SIGNUP,
        {
            "email": "nouveau@example.org",
            "display_name": display_name,
            "password1": "Cedres-et-Neige-24",
            "password2": "Cedres-et-Neige-24",
        },
    )


def refused_with(response, message: str) -> bool:
    return (
        response.status_code == 400
        and message in response.content.decode()
        and not User.objects.filter(email="nouveau@example.org").exists()
    )


@pytest.mark.parametrize(
    "look_alike",
    [
        "Leila Mansour",  # without the diaeresis
        "Ĺeila Mansour",  # an accent on another letter
        "LEÏLA MANSOUR",
        "Leïla  Mansour.",
        "Lеïla Mansour",  # a Cyrillic « е »
        "ᒪeïla Mansour",  # a Canadian syllabic « ᒪ »
        "ʟᴇïʟᴀ ᴍᴀɴsᴏᴜʀ",  # small capitals
        "LeïIa Mansour",  # a capital « I » for the « l »
        "Leïla-Mansour",
    ],
)
def test_a_name_that_reads_as_another_readers_is_refused(client, home, make_reader, look_alike):
    make_reader("Leïla Mansour")

    response = sign_up(client, look_alike)

    assert refused_with(response, "Ce nom est déjà pris par un autre lecteur")


@pytest.mark.parametrize(
    "staff_name",
    [
        "Le Quotidien",
        "le quotidien",
        "Quotidien",
        "Moderateur",
        "Modérateur",
        "Modératrice du site",
        "Rédaction",
        "La Rédaction",
        "Administrateur",
        "Admin",
        "Le Quоtidien officiel",  # a Cyrillic « о »
    ],
)
def test_a_name_that_passes_for_the_paper_or_its_staff_is_refused(client, home, staff_name):
    response = sign_up(client, staff_name)

    assert refused_with(response, "Ce nom est réservé au journal et à son équipe")


def test_the_papers_own_name_is_reserved_whatever_it_is(client, home, settings):
    settings.WAGTAIL_SITE_NAME = "L’Écho du Levant"

    response = sign_up(client, "L'Echo du Levant")

    assert refused_with(response, "Ce nom est réservé au journal et à son équipe")


@pytest.mark.parametrize(
    ("look_alike", "name"),
    [
        ("Samir Ꭰ.", "Samir D."),  # a Cherokee « Ꭰ »
        ("Samir ꭰ.", "Samir D."),  # its small letter
        ("ᑕarla Ꮇ.", "Carla M."),
        ("Nour Ꮋaddad", "Nour Haddad"),
        ("Rima Kհ.", "Rima Kh."),  # an Armenian « հ »
    ],
)
def test_letters_of_other_scripts_that_imitate_latin_ones_are_read_as_those(
    make_reader, look_alike, name
):
    make_reader(name)

    with pytest.raises(ValidationError) as taken:
        check_display_name(look_alike)

    assert taken.value.code == "display_name_taken"


@pytest.mark.parametrize(
    "link",
    [
        "https://spam.example",
        "www.x.com",
        "spam.example/promo",
        "Promo sur gains.bet",
        "bit.ly/x",
        "exemple point com",
        "exemple point c\u03bfm",  # a Greek « ο »
    ],
)
def test_a_name_that_is_a_link_is_refused(client, home, link):
    response = sign_up(client, link)

    assert refused_with(response, "Un nom affiché ne peut pas être un lien")


@pytest.mark.parametrize(
    "name",
    ["Leila Mansouri", "Lecteur quotidien", "Ibrahim K.", "Selim", "J.-P. Aoun", "Dr. Samir"],
)
def test_names_that_only_resemble_are_accepted(client, home, make_reader, name):
    make_reader("Leïla Mansour")
    make_reader("Salim")

    response = sign_up(client, name)

    assert response.status_code == 200
    assert User.objects.get(email="nouveau@example.org").display_name == name


def test_a_name_in_capitals_and_its_lower_case_read_alike():
    assert display_name_key("IBRAHIM") == display_name_key("ibrahim") == "ibrahim"
    assert display_name_key("PauI") == display_name_key("Paul")


def test_readers_who_already_share_a_name_keep_their_accounts(client, home, make_reader):
    # Accounts made before names were compared this way may read alike: they stay as they
    # are, can log in and save, and their name stays taken for anyone new.
    first = make_reader("Leïla Mansour")
    second = make_reader("Leila Mansour")
    second.last_name = "Mansour"
    second.save()

    logged_in = Client().post(
        "/compte/connexion/", {"username": second.email, "password": "lecture-Secrete-1"}
    )

    assert logged_in.status_code == 302
    assert first.display_name_key == second.display_name_key
    assert refused_with(sign_up(client, "LEILA MANSOUR"), "Ce nom est déjà pris")


def test_a_renamed_reader_is_compared_under_the_new_name(client, home, make_reader):
    reader = make_reader("Rima K.")
    reader.display_name = "Nour H."
    reader.save(update_fields=["display_name"])

    assert refused_with(sign_up(client, "nour h"), "Ce nom est déjà pris")
    assert sign_up(client, "Rima K.").status_code == 200


def test_a_reader_changing_their_name_is_compared_with_the_others_only(make_reader):
    make_reader("Leïla Mansour")
    reader = make_reader("Rima K.")

    check_display_name("RIMA K", reader=reader)
    with pytest.raises(ValidationError) as taken:
        check_display_name("Leila Mansour", reader=reader)

    assert taken.value.code == "display_name_taken"


def test_accounts_made_many_at_once_are_compared_too(client, home):
    User.objects.bulk_create([User(username="nour@example.org", display_name="Nour H.")])

    assert refused_with(sign_up(client, "NOUR H"), "Ce nom est déjà pris")
