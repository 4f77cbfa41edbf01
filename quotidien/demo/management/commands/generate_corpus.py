"""`manage.py generate_corpus --articles N`: many generated articles, for benchmarks."""

import argparse
import time

from django.core.management.base import BaseCommand
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.demo.corpus import generate_corpus


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


class Command(BaseCommand):
    help = (
        "Génère N articles publiés, au texte français composé au hasard, pour les mesures de "
        "performance. Les articles ne sont pas indexés par le moteur de recherche."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=_count, required=True, help="Nombre d’articles à créer (au moins 1)."
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

    def handle(self, *args, articles: int, seed: int, batch_size: int, **options):
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

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(
            _("… %(done)s / %(total)s articles") % {"done": _number(done), "total": _number(total)}
        )
        self.stdout.flush()
