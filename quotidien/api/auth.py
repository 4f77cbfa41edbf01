"""Who may write: agencies pushing wires authenticate with a bearer token."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from quotidien.ingest.models import WireToken
from quotidien.ingest.tokens import agency_token


class WireTokenAuth(HttpBearer):
    """`Authorization: Bearer <jeton>`, a token made by `quotidien create_wire_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> WireToken | None:
        return agency_token(token.strip())
