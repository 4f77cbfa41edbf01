"""`manage.py publish_scheduled_loop`: publish and expire scheduled pages as they fall due,
and enqueue the daily sweep of subscriptions, the nightly recount of the search's
vocabulary and the nightly purge of accounts nobody confirmed.

On one machine it runs beside the web server (`make run` starts it); on a
fleet, run it once, or call Wagtail's `publish_scheduled` from cron every minute and
`subscription_reminders`, `recount_search_vocabulary` and `purge_unconfirmed_accounts`
once a day. Each turn leaves a heartbeat that `/sante/` reads (`health.record_scheduler_run`):
its "scheduler" check fails when scheduled pages are overdue and no loop ran lately.
"""

import time
from datetime import date

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from quotidien import health
from quotidien.commands import DataCommand

# The subscriptions' daily sweep (reminders, expiries) is enqueued once a day from this
# hour, site time: readers get their reminders in the morning. The sweep is harmless when
# run twice (a restarted loop enqueues it again).
SUBSCRIPTIONS_SWEEP_HOUR = 8
# The search's vocabulary (its « Vouliez-vous dire ? ») is recounted once a night from
# this hour, site time, when few read.
VOCABULARY_RECOUNT_HOUR = 4
# Accounts whose confirmation link expired unused are deleted once a night from this hour
# (each sign-up also leaves the worker its own purge; this catches what a queue lost).
ACCOUNTS_PURGE_HOUR = 3


class Command(DataCommand):
    help = (
        "Publie les articles programmés à l’heure dite et lance chaque matin le passage "
        "des abonnements (boucle ; Ctrl-C pour arrêter)."
    )

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
        swept_on = recounted_on = purged_on = None
        try:
            while True:
                call_command("publish_scheduled", verbosity=0)
                # `/sante/` reads it: scheduled pages overdue with no heartbeat fail its check.
                health.record_scheduler_run(interval=interval)
                swept_on = sweep_subscriptions_once_a_day(swept_on)
                recounted_on = once_a_day(
                    "recount_search_vocabulary", VOCABULARY_RECOUNT_HOUR, recounted_on
                )
                purged_on = once_a_day("purge_unconfirmed_accounts", ACCOUNTS_PURGE_HOUR, purged_on)
                time.sleep(interval)
        except KeyboardInterrupt:
            pass


def sweep_subscriptions_once_a_day(swept_on: date | None) -> date | None:
    """Enqueue the subscriptions' daily sweep if it is due today and was not enqueued on
    `swept_on`; returns the day it was last enqueued."""
    return once_a_day("subscription_reminders", SUBSCRIPTIONS_SWEEP_HOUR, swept_on)


def once_a_day(command: str, hour: int, done_on: date | None) -> date | None:
    """Call `command` if it is `hour` o'clock or later, site time, and it was not called
    on `done_on`; returns the day it was last called."""
    now = timezone.localtime()
    if now.hour < hour or done_on == now.date():
        return done_on
    call_command(command, verbosity=0)
    return now.date()
