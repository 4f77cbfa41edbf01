"""Backups of the site: the database and the uploaded files in one archive, and back.

An archive is a `.tar.gz` file that holds, in this order:

- `manifest.json`: the database kind, the Django migrations applied, when it was taken;
- `database.sqlite3`, a copy by SQLite's online backup API, or `database.dump`, pg_dump's
  custom format: both are one consistent state of the database while the site writes;
- `media/`: the photos and documents uploaded (MEDIA_ROOT);
- `private/`: the uploads no URL serves (PRIVATE_ROOT: right-of-reply documents).

The secret key is not in it: it is kept apart (see README, "Sauvegardes").
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from quotidien.commands import file_error_in_french, pending_migrations
from quotidien.media import private_root
from quotidien.pagecache import versions

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
PRIVATE = "private/"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says what to do, in French."""


@dataclass(frozen=True)
class Restored:
    manifest: dict
    media_files: int
    pending_migrations: int


def default_folder() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def take_backup(*, output: Path | None = None) -> Path:
    """Write an archive of the database and the uploads; returns its path.

    `output` is a folder (the archive is named after the time) or a file name. The archive
    appears under its name only once complete, readable by its owner only: it holds every
    account's e-mail address and password hash.
    """
    kind = _kind()
    now = timezone.localtime()
    try:
        target = _target(output or default_folder(), now)
    except OSError as error:
        raise _unwritable(error) from None
    folders = {MEDIA: Path(settings.MEDIA_ROOT), PRIVATE: private_root()}
    files = {prefix: _files_under(root) for prefix, root in folders.items()}
    partial = target.with_name(f".{target.name}.partial")
    with tempfile.TemporaryDirectory(prefix="quotidien-backup-") as scratch:
        dump = Path(scratch) / DUMPS[kind]
        migrations = _dump_sqlite(dump) if kind == "sqlite" else _dump_postgresql(dump)
        manifest = {
            "application": "quotidien",
            "format": FORMAT,
            "database": kind,
            "created_at": now.isoformat(timespec="seconds"),
            "migrations": migrations,
            "media_files": len(files[MEDIA]),
            "private_files": len(files[PRIVATE]),
            "django": django.get_version(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        try:
            try:
                descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            except OSError as error:
                raise _unwritable(error) from None
            with (
                os.fdopen(descriptor, "wb") as file,
                tarfile.open(fileobj=file, mode="w:gz") as tar,
            ):
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
                tar.add(dump, arcname=DUMPS[kind])
                for prefix, root in folders.items():
                    for path in files[prefix]:
                        tar.add(path, arcname=prefix + path.relative_to(root).as_posix())
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def read_manifest(archive: Path) -> dict:
    """The manifest of `archive`, or a BackupError if it is no backup of this site."""
    not_ours = f"« {archive} » n’est pas une sauvegarde de Quotidien"
    if not archive.is_file():
        raise BackupError(f"« {archive} » : aucun fichier à cet endroit.")
    try:
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile(MANIFEST))
    except (EOFError, zlib.error) as error:
        raise _damaged(archive, error, started=False) from None
    except (tarfile.TarError, KeyError, ValueError, OSError, AttributeError):
        raise BackupError(
            f"{not_ours} : c’est `quotidien backup` qui en fait (un .tar.gz avec un {MANIFEST})."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("application") != "quotidien":
        raise BackupError(f"{not_ours} : son {MANIFEST} ne dit pas d’où elle vient.")
    if manifest.get("format", 0) > FORMAT:
        raise BackupError(
            f"« {archive} » vient d’une version plus récente de Quotidien (format "
            f"{manifest['format']}) : mettez le site à jour avant de la restaurer."
        )
    return manifest


def restore_backup(*, archive: Path, force: bool = False) -> Restored:
    """Put the database and the uploads of `archive` back.

    A database that holds tables is replaced only with `force`; uploads are written over
    those of the same name, and others are left where they are.
    """
    manifest = read_manifest(archive)
    kind = _kind()
    if manifest.get("database") != kind:
        theirs = KINDS.get(manifest.get("database"), str(manifest.get("database")))
        raise BackupError(
            f"Cette sauvegarde vient d’une base {theirs} ; la base configurée ici est "
            f"{KINDS[kind]} (DATABASE_URL). Restaurez-la dans une base {theirs}, ou passez "
            f"d’une base à l’autre par `quotidien dumpdata` et `loaddata`."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError(
            f"La base de données « {connection.settings_dict['NAME']} » n’est pas vide "
            f"({len(tables)} tables) : la restauration la remplacerait entièrement. Relancez "
            f"avec --force pour l’écraser, ou pointez DATABASE_URL vers une base neuve."
        )
    with tempfile.TemporaryDirectory(prefix="quotidien-restore-") as scratch:
        try:
            with tarfile.open(archive) as tar:
                try:
                    tar.extract(DUMPS[kind], scratch, filter="data")
                except KeyError:
                    raise BackupError(
                        f"« {archive} » ne contient pas de base de données ({DUMPS[kind]}) : "
                        "l’archive est incomplète."
                    ) from None
                dump = Path(scratch) / DUMPS[kind]
                if kind == "sqlite":
                    _restore_sqlite(dump)
                else:
                    _restore_postgresql(dump, tables)
                media_files = _restore_files(tar, MEDIA, Path(settings.MEDIA_ROOT))
                _restore_files(tar, PRIVATE, private_root())
        except (EOFError, tarfile.TarError, zlib.error) as error:
            raise _damaged(archive, error, started=True) from None
    _outdate_cached_pages()
    return Restored(manifest, media_files, pending_migrations())


def _damaged(archive: Path, error: Exception, *, started: bool) -> BackupError:
    then = (
        "la restauration s’est arrêtée en route : relancez-la avec une archive complète (--force)."
        if started
        else "rien n’a été restauré."
    )
    return BackupError(f"« {archive} » est tronquée ou abîmée ({error}) : {then}")


def _unwritable(error: OSError) -> BackupError:
    return BackupError(
        f"Impossible d’écrire l’archive à « {error.filename} » : {file_error_in_french(error)}. "
        "Choisissez "
        "un dossier où le compte qui lance la commande peut écrire (--output)."
    )


def _kind() -> str:
    if connection.vendor not in KINDS:
        raise BackupError(
            f"Les sauvegardes savent faire SQLite et PostgreSQL, pas {connection.vendor}."
        )
    return connection.vendor


def _target(output: Path, now: datetime) -> Path:
    if output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        return output / f"quotidien-{now:%Y%m%d-%H%M%S}.tar.gz"
    output.parent.mkdir(parents=True, exist_ok=True)
    return output


def _add_bytes(tar: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    with tempfile.SpooledTemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        tar.addfile(info, buffer)


def _applied(rows) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(rows):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_sqlite(dump: Path) -> dict[str, list[str]]:
    """Copy the database as it is at one instant; writers wait for the copy only briefly."""
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)
        if not copy.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
        ).fetchone():
            return {}
        return _applied(copy.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.OperationalError as error:
        raise BackupError(f"La copie de la base SQLite a échoué : {error}.") from None
    finally:
        copy.close()


def _postgresql_env() -> dict[str, str]:
    """libpq's environment for pg_dump and pg_restore, from the settings' database."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for variable, value in [
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ]:
        if value:
            env[variable] = str(value)
    return env


def _run_postgresql_tool(command: list[str]) -> None:
    if not shutil.which(command[0]):
        raise BackupError(
            f"{command[0]} est introuvable : installez le client PostgreSQL de la même version "
            "que le serveur (Debian : apt install postgresql-client)."
        )
    result = subprocess.run(command, env=_postgresql_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {result.stderr.strip()}")


def _dump_postgresql(dump: Path) -> dict[str, list[str]]:
    """pg_dump takes one snapshot of the database: the site goes on writing meanwhile."""
    migrations = _applied(MigrationRecorder(connection).applied_migrations())
    _run_postgresql_tool(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"]
    )
    return migrations


def _restore_sqlite(dump: Path) -> None:
    """Copy the archive's database over the configured one, page by page, in one step."""
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    except sqlite3.OperationalError as error:
        raise BackupError(
            f"La restauration de la base SQLite a échoué : {error}. Arrêtez le site et les "
            "workers, puis relancez-la."
        ) from None
    finally:
        source.close()


def _restore_postgresql(dump: Path, tables: list[str]) -> None:
    """Drop what the database holds, then load the dump in one transaction."""
    if tables:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
    connection.close()
    _run_postgresql_tool(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )


def _files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _restore_files(tar: tarfile.TarFile, prefix: str, root: Path) -> int:
    """Extract the archive's files under `prefix` into `root`; returns how many."""
    count = 0
    for member in tar:
        if member.name.startswith(prefix) and member.isfile():
            member = member.replace(name=member.name.removeprefix(prefix), deep=False)
            tar.extract(member, root, filter="data")
            count += 1
    return count


def _outdate_cached_pages() -> None:
    """Pages cached before the restore show another state of the site."""
    versions.outdate_site()
