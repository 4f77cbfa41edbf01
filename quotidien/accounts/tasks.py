"""Account work done by `quotidien worker`: the e-mails, and forgetting the accounts
nobody confirmed.

The e-mails leave from the worker, not from the request: a page that names an address
(sign-up, password reset, change of address) then answers as fast whether the address has
an account or not, and an SMTP server that is slow or down keeps no reader waiting.

Tasks take primary keys or plain values, so that they read the rows as they are when
they run; an account gone meanwhile gets nothing.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from quotidien.links import site_url

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


@task()
def mail_confirmation(user_id: int, next_url: str = "/") -> bool:
    """Send the link that activates an account nobody confirmed yet (its latest state: a
    sign-up since makes the links before it void)."""
    user = services.unconfirmed_accounts().filter(pk=user_id).first()
    if user is None:
        return False
    services.send_confirmation(user, next_url=next_url)
    return True


@task()
def mail_account_exists(user_id: int, next_url: str = "/") -> bool:
    """Tell the owner of an account that someone tried to sign up with its address (the
    login link brings them back to `next_url`)."""
    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is None:
        return False
    services.send_account_exists(user, next_url=next_url)
    return True


@task()
def mail_email_change(user_id: int, email: str) -> bool:
    """Send `email` the link that makes it the reader's address (or a word to its account,
    if it has one: `services.send_email_change`)."""
    reader = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if reader is None:
        return False
    services.send_email_change(reader, email)
    return True


@task()
def mail_email_changed(user_id: int, former: str, email: str) -> bool:
    """Tell the former address of an account that its address is now `email`, unless it
    changed again since."""
    user = get_user_model()._default_manager.filter(pk=user_id, email=email).first()
    if user is None:
        return False
    services.send_email_changed(user, former=former)
    return True


@task()
def mail_password_reset(kind: str, email: str) -> bool:
    """Send the accounts of `email` the link to choose a new password, as the reset page
    `kind` ("site" or "back_office": `views.RESET_VIEWS`) would; nothing when the address
    has no account it mails. The links name the paper's address (SITE_URL), never a host a
    request named."""
    from .views import reset_views

    view = reset_views()[kind]()
    form = view.get_form_class()(data={"email": email})
    if not form.is_valid():
        return False
    address = urlsplit(site_url())
    form.save(
        domain_override=address.netloc,
        use_https=address.scheme == "https",
        token_generator=view.token_generator,
        from_email=view.from_email,
        email_template_name=view.email_template_name,
        subject_template_name=view.subject_template_name,
        html_email_template_name=view.html_email_template_name,
        extra_email_context=view.extra_email_context,
    )
    return True
