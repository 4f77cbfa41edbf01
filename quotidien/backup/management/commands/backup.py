"""`quotidien backup`: the database and the uploads in one archive, while the site runs."""

from pathlib import Path

from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat

from quotidien.backup.archive import BackupError, default_folder, take_backup
from quotidien.commands import DataCommand


class Command(DataCommand):
    help = (
        "Sauvegarde la base de données (SQLite ou PostgreSQL) et les fichiers envoyés "
        "(photos, documents) dans une seule archive .tar.gz, sans arrêter le site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="CHEMIN",
            help=f"Dossier (ou nom de fichier) de l’archive ; par défaut {default_folder()}.",
        )

    def handle(self, *args, output: str | None = None, verbosity: int = 1, **options):
        try:
            archive = take_backup(output=Path(output) if output else None)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if verbosity:
            size = filesizeformat(archive.stat().st_size)
            self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {archive} ({size})."))
