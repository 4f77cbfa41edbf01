"""`quotidien recount_search_vocabulary`: enqueue the recount of the search's vocabulary.

The worker then takes every word's count of live articles from the index, and drops
the words no live article holds any more (`quotidien.search.vocabulary.recount`).
`publish_scheduled_loop` calls this command every night; without that loop, run it
from cron once a day. `--now` counts at once, without the worker.
"""

from django.utils.translation import gettext as _

from quotidien.commands import DataCommand
from quotidien.search.vocabulary import recount, recount_vocabulary


class Command(DataCommand):
    help = (
        "Met en file le recomptage du vocabulaire de la recherche (les mots que propose "
        "« Vouliez-vous dire ? ») : articles en ligne par mot, mots disparus retirés."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Recompter tout de suite, sans le worker."
        )

    def handle(self, *args, now: bool = False, **options):
        if not now:
            recount_vocabulary.enqueue()
            if options["verbosity"] > 1:
                self.stdout.write(_("Recomptage du vocabulaire mis en file."))
            return
        words = recount()
        if words is None:
            self.stdout.write(_("L’index est celui d’un autre moteur : rien à recompter."))
        else:
            self.stdout.write(_("%(words)d mots dans le vocabulaire.") % {"words": words})
