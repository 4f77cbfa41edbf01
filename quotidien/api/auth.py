"""Who may write: agencies push wires with their bearer token; readers post comments with
theirs (from POST /api/v1/readers/token/) or with their session on the site."""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from quotidien.accounts.tokens import reader_for_token
from quotidien.ingest.models import WireToken
from quotidien.ingest.tokens import agency_token


class WireTokenAuth(HttpBearer):
    """`Authorization: Bearer <jeton>`, a token made by `quotidien create_wire_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> WireToken | None:
        return agency_token(token.strip())


class ReaderTokenAuth(HttpBearer):
    """`Authorization: Bearer <jeton>`, a token a reader's app received for their account."""

    def authenticate(self, request: HttpRequest, token: str):
        return reader_for_token(token.strip())


class ReaderSessionAuth(SessionAuth):
    """The reader's session cookie on the site, CSRF checked; no cookie, no check (a 401)."""

    def __call__(self, request: HttpRequest):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


# Either the reader's token (apps) or their session on the site.
READER_AUTH = [ReaderTokenAuth(), ReaderSessionAuth()]
