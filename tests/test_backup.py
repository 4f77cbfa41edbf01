"""`quotidien backup` and `quotidien restore`: one archive holds the database and the photos,
and puts them back, on SQLite and on PostgreSQL."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from quotidien.comments.models import Comment
from quotidien.media import private_root
from quotidien.news.models import ArticlePage

QUOTIDIEN = Path(sys.executable).parent / "quotidien"
# pg_dump and a restore work outside the test's connection: they see committed rows only.
# The rows that migrations create (Wagtail's root page) come back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is missing (Debian: apt install postgresql-client)")


@pytest.fixture
def newsroom(make_section, make_article, make_reader, publish_comment, settings, tmp_path):
    # Uploads of their own: other tests leave theirs in the suite's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    article = make_article(make_section("Liban"), "Le port de Beyrouth rouvre")
    publish_comment(article, make_reader("Rania K."), "Enfin une bonne nouvelle.")
    photo = Path(settings.MEDIA_ROOT) / "original_images" / "port.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff photo du port")
    document = private_root() / "droit-de-reponse" / "piece.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 piece jointe")
    return article, photo, document


def backup(tmp_path) -> Path:
    call_command("backup", output=str(tmp_path), verbosity=0)
    (archive,) = tmp_path.glob("quotidien-*.tar.gz")
    return archive


def test_a_restore_brings_back_what_was_changed_and_deleted_since_the_backup(newsroom, tmp_path):
    article, photo, document = newsroom
    archive = backup(tmp_path)
    ArticlePage.objects.filter(pk=article.pk).update(title="Titre changé")
    Comment.objects.all().delete()
    photo.unlink()
    document.unlink()

    call_command("restore", str(archive), force=True, verbosity=0)

    assert ArticlePage.objects.get(pk=article.pk).title == "Le port de Beyrouth rouvre"
    assert Comment.objects.get().body == "Enfin une bonne nouvelle."
    assert photo.read_bytes() == b"\xff\xd8\xff photo du port"
    assert document.read_bytes() == b"%PDF-1.4 piece jointe"


def test_the_archive_holds_a_manifest_the_database_and_the_photos(newsroom, tmp_path):
    archive = backup(tmp_path)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))

    assert archive.stat().st_mode & 0o777 == 0o600
    assert manifest["database"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["news"]
    assert manifest["created_at"].startswith("20")
    assert (manifest["media_files"], manifest["private_files"]) == (1, 1)
    assert ("database.sqlite3" if connection.vendor == "sqlite" else "database.dump") in names
    assert "media/original_images/port.jpg" in names
    assert "private/droit-de-reponse/piece.pdf" in names


def test_a_restore_over_a_database_with_content_needs_force(newsroom, tmp_path):
    article, _photo, _document = newsroom
    archive = backup(tmp_path)
    ArticlePage.objects.filter(pk=article.pk).update(title="Titre changé")

    with pytest.raises(CommandError, match="n’est pas vide.*--force"):
        call_command("restore", str(archive), verbosity=0)

    assert ArticlePage.objects.get(pk=article.pk).title == "Titre changé"


def test_an_archive_of_the_other_database_kind_is_refused(newsroom, tmp_path):
    archive = backup(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    forged = tmp_path / "autre" / "quotidien-autre.tar.gz"
    forged.parent.mkdir()
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as tar:
        manifest = json.load(source.extractfile("manifest.json"))
        manifest["database"] = other
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match=f"base {other_label(other)}"):
        call_command("restore", str(forged), force=True, verbosity=0)

    assert ArticlePage.objects.filter(title="Le port de Beyrouth rouvre").exists()


def other_label(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[vendor]


def test_a_file_that_is_no_backup_is_refused_in_french(tmp_path):
    junk = tmp_path / "notes.tar.gz"
    junk.write_text("pas une archive")

    with pytest.raises(CommandError, match="n’est pas une sauvegarde de Quotidien"):
        call_command("restore", str(junk), verbosity=0)


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of a new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'neuve.sqlite3'}"
        return
    params = connection.get_connection_params()
    name = f"{connection.settings_dict['NAME']}_restauration"
    admin = {k: v for k, v in params.items() if k in {"host", "port", "user", "password"}}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    user = admin.get("user", "")
    password = f":{admin['password']}" if admin.get("password") else ""
    host = admin.get("host") or "127.0.0.1"
    yield f"postgres://{user}{password}@{host}:{admin.get('port') or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def titles_in(database_url: str) -> list[str]:
    query = "SELECT title FROM wagtailcore_page WHERE depth > 1 ORDER BY path"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [row[0] for row in db.execute(query)]
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return [row[0] for row in db.execute(query)]


def test_a_new_machine_restores_into_an_empty_database_without_force(
    newsroom, tmp_path, empty_database
):
    archive = backup(tmp_path / "archives")
    media = tmp_path / "media-neuf"
    env = {
        **os.environ,
        "DATABASE_URL": empty_database,
        "MEDIA_ROOT": str(media),
        "QUOTIDIEN_VAR_DIR": str(tmp_path / "var"),
    }

    result = subprocess.run(
        [QUOTIDIEN, "restore", str(archive)], env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "Sauvegarde restaurée" in result.stdout
    assert "Le port de Beyrouth rouvre" in titles_in(empty_database)
    assert (media / "original_images" / "port.jpg").exists()


def test_a_truncated_archive_stops_the_restore_with_a_french_message(newsroom, tmp_path):
    archive = backup(tmp_path)
    truncated = tmp_path / "tronquee.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError, match="tronquée ou abîmée"):
        call_command("restore", str(truncated), force=True, verbosity=0)


def test_a_backup_where_no_file_can_be_written_is_refused_in_french(tmp_path):
    (tmp_path / "fichier").write_text("x")

    with pytest.raises(
        CommandError,
        match="Impossible d’écrire l’archive .* : un fichier de ce nom existe déjà",
    ):
        call_command("backup", output=str(tmp_path / "fichier" / "sauvegarde.tar.gz"))
