"""`quotidien purge_unconfirmed_accounts`: enqueue the deletion of the accounts nobody
confirmed within ACCOUNT_CONFIRMATION_DAYS.

Each sign-up already leaves the worker such a purge, due when its link expires; this
command catches up with the accounts of sign-ups older than that, or of a queue that was
emptied. Run it from cron once a day if you like: running it more often is harmless.
`--now` deletes at once, without the worker.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quotidien.accounts import services
from quotidien.accounts.tasks import purge_unconfirmed_accounts
from quotidien.commands import DataCommand


class Command(DataCommand):
    help = (
        "Met en file la suppression des comptes jamais confirmés dont le lien de "
        "confirmation a expiré, que fait le worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Supprimer tout de suite, sans le worker."
        )

    def handle(self, *args, now: bool = False, **options):
        if not now:
            purge_unconfirmed_accounts.enqueue()
            if options["verbosity"] > 1:
                self.stdout.write(_("Suppression des comptes non confirmés mise en file."))
            return
        deleted = services.purge_unconfirmed_accounts()
        self.stdout.write(
            ngettext(
                "%(count)d compte non confirmé supprimé.",
                "%(count)d comptes non confirmés supprimés.",
                deleted,
            )
            % {"count": deleted}
        )
