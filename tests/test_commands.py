"""Commands on a database that `quotidien migrate` has not brought up to date.

Outside a test's transaction, as commands run: on PostgreSQL a failed statement spoils
the transaction it is in, and the migrations could no longer be read after it.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


@pytest.fixture
def word_lists_table_gone(transactional_db):
    """The moderation app's table of word lists missing, then put back."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE moderation_wordlist RENAME TO moderation_wordlist_gone")
    yield
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE moderation_wordlist_gone RENAME TO moderation_wordlist")


@pytest.fixture
def moderation_never_migrated(word_lists_table_gone):
    """The moderation app as on a database made before it: its migrations not recorded."""
    recorded = MigrationRecorder.Migration.objects.filter(app="moderation")
    names = list(recorded.values_list("name", flat=True))
    recorded.delete()
    yield
    for name in names:
        MigrationRecorder(connection).record_applied("moderation", name)


@pytest.fixture
def comments_file(tmp_path):
    comments = tmp_path / "commentaires.txt"
    comments.write_text("Un commentaire ordinaire.\n", encoding="utf-8")
    return str(comments)


def test_a_command_on_an_unmigrated_database_says_to_migrate(
    moderation_never_migrated, comments_file
):
    with pytest.raises(CommandError) as raised:
        call_command("screen", comments_file)

    message = str(raised.value)
    assert message.startswith("La base de données n’est pas à jour (")
    assert "lancez « quotidien migrate », puis recommencez." in message


def test_a_database_error_on_an_up_to_date_database_is_not_blamed_on_migrations(
    word_lists_table_gone, comments_file
):
    with pytest.raises(Exception) as raised:
        call_command("screen", comments_file)

    assert not isinstance(raised.value, CommandError)
    assert "moderation_wordlist" in str(raised.value)
