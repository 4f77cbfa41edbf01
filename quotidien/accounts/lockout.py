"""The key django-axes counts failed logins under: the account a login names, not its spelling.

Readers type their e-mail address in any case; the newsroom types a user name or an
e-mail address. Each spelling of one account gives the same key, so five failures lock
the account on the site, in the back office and through the API alike. A login that
names no account is case-folded the same way and counted like any other: the lockout
says nothing about which addresses have an account.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest


def fold(login: str) -> str:
    """A login without the differences of case, spacing or Unicode form a reader may type."""
    return unicodedata.normalize("NFKC", login).strip().casefold()


def account_key(login: str | None) -> str | None:
    """The lockout key of a login: the user name of the account it names, case-folded, or
    the login itself case-folded when it names none.

    An e-mail address names the account EmailOrUsernameBackend would try for it; user
    names differ only by case at most, so their folded form is already the key.
    """
    if not login:
        return login
    folded = fold(login)
    if "@" in folded:
        username = (
            get_user_model()
            ._default_manager.filter(email__iexact=login.strip())
            .order_by("pk")
            .values_list("username", flat=True)
            .first()
        )
        if username is not None:
            return fold(username)
    return folded


def lockout_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the key of the login in `credentials` (or the login form).

    Axes asks several times per attempt; the answer is kept on the request.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        login = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        login = data.get(field)
    if not isinstance(login, str):
        return login
    known = getattr(request, "_lockout_keys", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._lockout_keys = known
    if login not in known:
        known[login] = account_key(login)
    return known[login]
