"""`manage.py publish_scheduled_loop`: publish and expire scheduled pages as they fall due.

On one machine it runs beside the web server (`make run` starts it); on a
fleet, run it once, or call Wagtail's `publish_scheduled` from cron.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Publie les articles programmés à l’heure dite (boucle ; Ctrl-C pour arrêter)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Secondes entre deux passages (60 par défaut).",
        )

    def handle(self, *args, interval: int, **options):
        if interval < 1:
            raise CommandError("L’intervalle doit être d’au moins une seconde.")
        try:
            while True:
                call_command("publish_scheduled", verbosity=0)
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
