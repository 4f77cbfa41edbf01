"""`manage.py rebuild_search_index`: the search index made anew from the live articles."""

from django.utils.translation import gettext as _

from quotidien.commands import DataCommand
from quotidien.search import vocabulary
from quotidien.search.indexing import index_unindexed, rebuild_index


class Command(DataCommand):
    help = (
        "Reconstruit l’index de recherche à partir des articles publiés "
        "(--missing : indexe seulement les articles qui n’y sont pas encore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="N’indexer que les articles absents de l’index (après un import en masse).",
        )

    def handle(self, *args, missing: bool = False, **options):
        build = index_unindexed if missing else rebuild_index
        count = build(progress=self._progress)
        # The words' counts of articles, for the search's suggestions.
        vocabulary.recount()
        self.stdout.write(_("%(count)d articles indexés.") % {"count": count})

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 20000 < 1000:
            self.stdout.write(_("… %(done)d / %(total)d") % {"done": done, "total": total})
