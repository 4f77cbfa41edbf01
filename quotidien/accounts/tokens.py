"""Reader tokens for the API: signed, dated, and void once the password changes.

Nothing is stored: the token carries the reader's id and a digest of their password
hash, as Django's password reset links do, so changing the password signs out every app;
so does « Déconnecter mes applications » (`User.apps_signed_out_at`, in the digest too).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "quotidien.accounts.reader-token"


def _fingerprint(user) -> str:
    signed_out = user.apps_signed_out_at.isoformat() if user.apps_signed_out_at else ""
    return salted_hmac(SALT, f"{user.pk}:{user.password}:{signed_out}").hexdigest()[:24]


def token_lifetime() -> timedelta:
    return timedelta(days=settings.QUOTIDIEN_READER_TOKEN_DAYS)


def reader_token(user) -> tuple[str, datetime]:
    """A token that stands for `user` in API requests, and when it expires."""
    token = signing.dumps({"id": user.pk, "key": _fingerprint(user)}, salt=SALT, compress=True)
    return token, timezone.now() + token_lifetime()


def reader_for_token(token: str):
    """The active reader a token stands for, or None when it is forged, old or revoked."""
    try:
        data = signing.loads(token, salt=SALT, max_age=token_lifetime())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    user = get_user_model().objects.filter(pk=data["id"], is_active=True).first()
    if user is None or not constant_time_compare(str(data.get("key")), _fingerprint(user)):
        return None
    return user
