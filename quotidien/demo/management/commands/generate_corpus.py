"""`manage.py generate_corpus --articles N [--comments M]`: a generated archive, for benchmarks."""

import argparse
import time

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.commands import DataCommand
from quotidien.demo.corpus import generate_comments, generate_corpus
from quotidien.search.indexing import index_unindexed


def _count(value: str) -> int:
    """A number of articles: an integer of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("« %(value)s » : il faut un nombre entier d’au moins 1.") % {"value": value}
        )
    return number


def _comment_count(value: str) -> int:
    """A number of comments: an integer, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(
            _("« %(value)s » : il faut un nombre entier de commentaires, 0 ou plus.")
            % {"value": value}
        )
    return number


def _seed(value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("« %(value)s » : la graine doit être un nombre entier.") % {"value": value}
        ) from error


def _number(value: float, decimals: int = 0) -> str:
    """`value` written the French way: 100 000, 12,5."""
    return number_format(value, decimal_pos=decimals, force_grouping=True)


class Command(DataCommand):
    help = (
        "Génère N articles publiés, au texte français composé au hasard, pour les mesures de "
        "performance, et avec --comments des commentaires de lecteurs sous ces articles. "
        "Les articles ne sont indexés pour la recherche qu’avec --index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=_count, required=True, help="Nombre d’articles à créer (au moins 1)."
        )
        parser.add_argument(
            "--comments",
            type=_comment_count,
            default=0,
            help="Nombre de commentaires de lecteurs à ajouter sous les articles (0 par défaut).",
        )
        parser.add_argument(
            "--seed",
            type=_seed,
            default=0,
            help="Graine du hasard : la même graine donne les mêmes articles (0 par défaut).",
        )
        parser.add_argument(
            "--batch-size",
            type=_count,
            default=5000,
            help="Articles écrits par transaction (5000 par défaut).",
        )
        parser.add_argument(
            "--index",
            action="store_true",
            help="Indexer ensuite les nouveaux articles pour la recherche.",
        )

    def handle(
        self,
        *args,
        articles: int,
        seed: int,
        batch_size: int,
        comments: int = 0,
        index: bool = False,
        **options,
    ):
        started = time.monotonic()
        created = generate_corpus(
            articles=articles, seed=seed, batch_size=batch_size, progress=self._progress
        )
        elapsed = time.monotonic() - started
        message = ngettext(
            "%(count)s article généré en %(seconds)s s.",
            "%(count)s articles générés en %(seconds)s s.",
            created,
        )
        self.stdout.write(message % {"count": _number(created), "seconds": _number(elapsed, 1)})
        if comments:
            started = time.monotonic()
            written = generate_comments(
                comments=comments, seed=seed, progress=self._comment_progress
            )
            message = ngettext(
                "%(count)s commentaire généré en %(seconds)s s.",
                "%(count)s commentaires générés en %(seconds)s s.",
                written,
            )
            self.stdout.write(
                message
                % {"count": _number(written), "seconds": _number(time.monotonic() - started, 1)}
            )
        if index:
            started = time.monotonic()
            indexed = index_unindexed(progress=self._progress)
            self.stdout.write(
                _("%(count)s articles indexés pour la recherche en %(seconds)s s.")
                % {"count": _number(indexed), "seconds": _number(time.monotonic() - started, 1)}
            )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(
            _("… %(done)s / %(total)s articles") % {"done": _number(done), "total": _number(total)}
        )
        self.stdout.flush()

    def _comment_progress(self, done: int, total: int) -> None:
        self.stdout.write(
            _("… %(done)s / %(total)s commentaires")
            % {"done": _number(done), "total": _number(total)}
        )
        self.stdout.flush()
