"""Readers' accounts: sign-up and the confirmation of their email address.

The links they are sent lead to the paper's public address (the SITE_URL setting), never
to the host a request named: whoever sends the form chooses that one.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from quotidien.syndication.links import public_url

from .names import check_display_name

SALT = "quotidien.accounts.confirm"


# The PostgreSQL advisory lock that lets one sign-up at a time check and create (any
# number of the site's own, so long as nothing else takes it).
SIGNUP_LOCK = 7_246_105


def reader_signup(*, email: str, display_name: str, password: str, next_url: str = "/"):
    """Create an inactive reader account and send the link that activates it; the link
    brings the reader back to `next_url` (an address of the site) once confirmed.

    When the address already has an account, nothing is created and the person who
    typed it is told the same thing (a link was sent): the account's owner gets an e-mail
    saying someone tried to sign up, with the ways back in; an account never confirmed
    gets a fresh confirmation link. Returns the account the e-mail went to.

    The name and the address are checked again as the account is created, one sign-up at
    a time: a ValidationError on the field (code "display_name_taken") when another reader
    took the name since the form was checked.
    """
    users = get_user_model()._default_manager
    # Hashed first, outside the lock: it is the slow part, and a taken address costs as
    # long to answer as a new account.
    hashed = make_password(password)
    user = None
    with transaction.atomic():
        _one_signup_at_a_time()
        existing = (
            users.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("pk").first()
        )
        if existing is None:
            try:
                check_display_name(display_name)
            except ValidationError as error:
                raise ValidationError({"display_name": error}) from None
            user = users.model(
                username=users.model.normalize_username(email),
                email=users.normalize_email(email),
                password=hashed,
                display_name=display_name,
                is_active=False,
            )
            user.save(using=users.db)
    if existing is not None and (existing.is_active or existing.last_login is not None):
        send_account_exists(existing)
        return existing
    send_confirmation(user or existing, next_url=next_url)
    return user or existing


def _one_signup_at_a_time() -> None:
    """Hold the other sign-ups until the end of this transaction. SQLite's transactions
    take the database's write lock as they begin (`transaction_mode` IMMEDIATE, see
    settings); PostgreSQL's are given an advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SIGNUP_LOCK])


def send_confirmation(user, *, next_url: str = "/") -> None:
    """E-mail `user` the link that activates their account, on the paper's address."""
    token = signing.dumps(user.pk, salt=SALT)
    link = public_url(reverse("accounts:confirm", args=[token]))
    if next_url and next_url != "/":
        link += "?" + urlencode({"next": next_url})
    context = {"user": user, "link": link, "days": settings.ACCOUNT_CONFIRMATION_DAYS}
    send_mail(
        subject=render_to_string("accounts/confirm_email_subject.txt", context).strip(),
        message=render_to_string("accounts/confirm_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def send_account_exists(user) -> None:
    """Tell `user` that someone tried to sign up with their address, and how to get in."""
    context = {
        "user": user,
        "login_link": public_url(reverse("accounts:login")),
        "reset_link": public_url(reverse("accounts:password_reset")),
    }
    send_mail(
        subject=render_to_string("accounts/account_exists_subject.txt", context).strip(),
        message=render_to_string("accounts/account_exists_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def confirm_reader(token: str):
    """The account a confirmation link activates, or None when the link is bad, old or used."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=settings.ACCOUNT_CONFIRMATION_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=False, last_login=None).first()
    if user is not None:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
