"""`quotidien extract_entities --all|--missing`: ask the worker for the entities of the
archive's live articles, in batches (each batch is read by the model together)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from quotidien.commands import DataCommand
from quotidien.news.models import ArticlePage

from ...tasks import extract_entities_of

BATCH_SIZE = 100


class Command(DataCommand):
    help = _(
        "Demande au worker les personnes, lieux et organisations des articles publiés : "
        "de tous (--all) ou de ceux où ils n’ont jamais été cherchés (--missing)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help=_("Tous les articles publiés."))
        which.add_argument(
            "--missing",
            action="store_true",
            help=_("Les articles publiés dont les sujets n’ont encore jamais été cherchés."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=_("Articles par tâche (%(default)s par défaut)."),
        )

    def handle(self, *, all: bool, missing: bool, batch_size: int, verbosity: int, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size doit être un nombre entier positif."))
        ids = ArticlePage.objects.live().order_by("-pk")
        if missing:
            # Looked at once, an article naming no one is not asked for again.
            ids = ids.filter(entity_extraction__isnull=True)
        ids = list(ids.values_list("pk", flat=True))
        batches = 0
        for start in range(0, len(ids), batch_size):
            extract_entities_of.enqueue(ids[start : start + batch_size])
            batches += 1
        if verbosity:
            self.stdout.write(
                _("%(articles)d articles en %(batches)d tâches pour le worker.")
                % {"articles": len(ids), "batches": batches}
            )
