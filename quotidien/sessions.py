"""Session cookies the site could have set, and no other.

Django makes session keys of 32 lowercase letters and digits. A cookie of any other shape
(a NUL, quotes, an alphabet of its own) names no session: it is not looked up, which spares
the database a query and PostgreSQL a text it refuses (it holds no NUL), and the reader is
anonymous, as they would be with a key that named no session.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS

_ALPHABET = frozenset(VALID_KEY_CHARS)


def could_be_session_key(value: str) -> bool:
    """Whether `value` has the shape of a key Django makes (8 to 64 of its characters)."""
    return 8 <= len(value) <= 64 and _ALPHABET.issuperset(value)


class ForeignSessionCookieMiddleware:
    """Drops a session cookie the site could not have set, before the session's middleware
    reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = settings.SESSION_COOKIE_NAME
        value = request.COOKIES.get(name)
        # A signed-cookie session is the cookie itself, of another shape.
        foreign = (
            value is not None
            and not settings.SESSION_ENGINE.endswith("signed_cookies")
            and not could_be_session_key(value)
        )
        if foreign:
            del request.COOKIES[name]
        response = self.get_response(request)
        if foreign and name not in response.cookies:
            # The browser forgets it, as Django has it forget a session that is no more.
            response.delete_cookie(
                name,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response
