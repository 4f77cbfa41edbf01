"""`quotidien restore <archive>`: put back the database and the uploads of a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quotidien.backup.archive import KINDS, BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une archive de `quotidien backup` : la base de données, puis les fichiers "
        "envoyés. Arrêtez le site et les workers avant, relancez-les après."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="L’archive .tar.gz à restaurer.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace une base de données qui n’est pas vide (tout ce qu’elle contient).",
        )

    def handle(self, *args, archive: str, force: bool = False, verbosity: int = 1, **options):
        try:
            restored = restore_backup(archive=Path(archive), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not verbosity:
            return
        manifest = restored.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde restaurée : base {KINDS[manifest['database']]} du "
                f"{manifest['created_at']}, {restored.media_files} fichiers (photos, "
                "documents) remis en place."
            )
        )
        if restored.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"{restored.pending_migrations} migrations de ce code manquent à la base "
                    "restaurée : lancez `quotidien migrate`."
                )
            )
