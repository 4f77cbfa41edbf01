"""`quotidien subscription_reminders`: enqueue the daily sweep of subscriptions.

The sweep (`tasks.daily_sweep`, run by `quotidien worker`) sends the renewal reminders due
(7 days before the end of a period, once per period) and expires the manual subscriptions
whose period ended. `publish_scheduled_loop` calls this command once a day; without that
loop, run it from cron once a day. Running it more often is harmless.
"""

from quotidien.commands import DataCommand
from quotidien.subscriptions.tasks import daily_sweep


class Command(DataCommand):
    help = (
        "Met en file le passage quotidien des abonnements, que fait le worker : rappels de "
        "renouvellement sept jours avant l’échéance, expiration des abonnements manuels échus."
    )

    def handle(self, *args, **options):
        daily_sweep.enqueue()
        if options["verbosity"] > 1:
            self.stdout.write("Passage quotidien des abonnements mis en file.")
