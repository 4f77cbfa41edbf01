"""The key each account keeps of its shown name (`User.display_name_key`) stays true to the
name however accounts are written: one by one, many at once, by a query, or by a data
migration with the models as they stood then; and the keys of known names do not move
when the data files change (a moved key lets a reader take a name already shown)."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from quotidien.accounts.names import display_name_key

pytestmark = pytest.mark.django_db
User = get_user_model()

keying = import_module("quotidien.accounts.migrations.0002_user_display_name_key")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Leïla Mansour", "leilamansour"),
        ("Lеïla Mansour", "leilamansour"),  # a Cyrillic « е »
        ("Ĺeila MANSOUR", "leilamansour"),
        ("Jean-Pierre d’Arcy", "jeanpierredarcy"),
        ("PauI Ibrahim", "paulibrahim"),  # a capital I after a small letter is an l
        ("Ønsker Ærø", "onskeraero"),
        ("R0sa", "rosa"),  # a zero for the « o »
    ],
)
def test_known_names_keep_their_keys(name, key):
    assert display_name_key(name) == key


def keys() -> dict[str, str]:
    return dict(User.objects.values_list("username", "display_name_key"))


@pytest.fixture(scope="module")
def historical_apps():
    """The models as the migration that added the key left them, managers included."""
    return (
        MigrationLoader(None).project_state(("accounts", keying.__name__.rpartition(".")[2])).apps
    )


def test_the_upgrade_keys_the_name_each_account_shows(historical_apps):
    User.objects.bulk_create(
        [
            User(username="leila", display_name="Leïla Mansour"),
            User(username="karim", first_name="Karim", last_name="Haddad"),
            User(username="Sami"),
        ]
    )
    User.objects.update(display_name_key="")

    keying.key_every_name(historical_apps, SimpleNamespace(connection=connection))

    assert keys() == {"leila": "leilamansour", "karim": "karimhaddad", "Sami": "sami"}


def test_a_data_migration_creates_keyed_accounts_many_at_once(historical_apps):
    Historical = historical_apps.get_model("accounts", "User")

    Historical.objects.bulk_create(
        [
            Historical(username="leila", display_name="Leïla Mansour"),
            Historical(username="karim", first_name="Karim", last_name="Haddad"),
        ]
    )

    assert keys() == {"leila": "leilamansour", "karim": "karimhaddad"}


def test_names_changed_by_a_query_are_keyed_again():
    User.objects.bulk_create(
        [User(username="leila", display_name="Leïla"), User(username="karim", first_name="K")]
    )

    User.objects.filter(display_name="Leïla").update(display_name="Leïla Mansour")
    assert keys() == {"leila": "leilamansour", "karim": "k"}

    karim = User.objects.get(username="karim")
    karim.last_name = "Haddad"
    User.objects.bulk_update([karim], ["last_name"])
    assert keys() == {"leila": "leilamansour", "karim": "khaddad"}


def test_the_stored_keys_were_made_with_the_look_alike_letters_read_now():
    """A name keyed before a change to the look-alikes keeps its old key until a migration
    keys every name again; the last one says which look-alikes it keyed them with."""
    from hashlib import sha256

    from quotidien.lookalikes import DATA

    loader = MigrationLoader(None)
    rekeys = sorted(
        name
        for app, name in loader.disk_migrations
        if app == "accounts"
        and hasattr(import_module(f"quotidien.accounts.migrations.{name}"), "LOOKALIKES_SHA256")
    )
    last = import_module(f"quotidien.accounts.migrations.{rekeys[-1]}")

    assert last.LOOKALIKES_SHA256 == sha256(DATA.read_bytes()).hexdigest(), (
        "quotidien/data/lookalikes.toml changed: add a migration that keys the names again"
    )
