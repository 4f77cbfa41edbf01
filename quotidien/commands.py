"""What the project's management commands share: a clear error, and what to do, when the
database has not been brought up to date by `quotidien migrate`; a file that cannot be
read or written, said in French.

Such a database fails deep inside a command ("no such table: moderation_wordlist"); the
migrations are looked at only then, so that a command on an up-to-date database pays
nothing for the check.
"""

import errno

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import ngettext

# What the system says of a file it refuses (in English, whatever the locale), in French.
FILE_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé au compte qui lance la commande",
    errno.EPERM: "opération refusée au compte qui lance la commande",
    errno.EISDIR: "c’est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n’est pas un dossier",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "disque en lecture seule",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EEXIST: "un fichier de ce nom existe déjà",
}


def file_error_in_french(error: OSError) -> str:
    """Why the system refused a file (« fichier ou dossier introuvable »), in French when
    it is one of the usual reasons, else as the system said it."""
    return FILE_ERRORS.get(error.errno) or error.strerror or str(error)


def pending_migrations(using: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations of this code the database `using` has yet to run."""
    executor = MigrationExecutor(connections[using])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class DataCommand(BaseCommand):
    """A command that reads or writes the site's data."""

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except DatabaseError as error:
            using = options.get("database") or DEFAULT_DB_ALIAS
            try:
                count = pending_migrations(using)
            except DatabaseError:
                raise error from None
            if not count:
                raise
            raise CommandError(
                ngettext(
                    "La base de données n’est pas à jour (%(count)d migration à appliquer) : "
                    "lancez « quotidien migrate », puis recommencez.",
                    "La base de données n’est pas à jour (%(count)d migrations à appliquer) : "
                    "lancez « quotidien migrate », puis recommencez.",
                    count,
                )
                % {"count": count}
            ) from error
