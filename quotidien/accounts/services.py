"""Readers' accounts: sign-up and the confirmation of their email address."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

SALT = "quotidien.accounts.confirm"


def reader_signup(
    *, email: str, display_name: str, password: str, base_url: str, next_url: str = "/"
):
    """Create an inactive reader account and send the link that activates it; the link
    brings the reader back to `next_url` (an address of the site) once confirmed."""
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=password,
        display_name=display_name,
        is_active=False,
    )
    token = signing.dumps(user.pk, salt=SALT)
    link = base_url + reverse("accounts:confirm", args=[token])
    if next_url and next_url != "/":
        link += "?" + urlencode({"next": next_url})
    context = {"user": user, "link": link, "days": settings.ACCOUNT_CONFIRMATION_DAYS}
    send_mail(
        subject=render_to_string("accounts/confirm_email_subject.txt", context).strip(),
        message=render_to_string("accounts/confirm_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return user


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
