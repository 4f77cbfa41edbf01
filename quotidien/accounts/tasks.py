"""Account work done by `quotidien worker`.

Tasks take primary keys or plain values, so that they read the rows as they are when
they run.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services

# How long after a link expires its account is looked at: the sign-up's own transaction
# and clocks a little apart are long over.
PURGE_MARGIN = timedelta(minutes=5)


@task()
def purge_unconfirmed_accounts() -> int:
    """Delete the accounts nobody confirmed in time (`services.purge_unconfirmed_accounts`);
    returns how many."""
    return services.purge_unconfirmed_accounts()


def purge_when_link_expires() -> None:
    """Have the worker forget the account of a sign-up whose link will not be opened: the
    purge waits in the queue until the link expires. A backend that cannot wait (one that
    runs each task at once) leaves it to `quotidien purge_unconfirmed_accounts`."""
    if not purge_unconfirmed_accounts.get_backend().supports_defer:
        return
    due = timezone.now() + timedelta(days=settings.ACCOUNT_CONFIRMATION_DAYS) + PURGE_MARGIN
    purge_unconfirmed_accounts.using(run_after=due).enqueue()
