"""Push tokens of the agencies: shown once when created, stored only as a SHA-256 digest."""

import hashlib
import secrets

from django.utils import timezone

from quotidien.news.models import Agency

from .models import WireToken

PREFIX = "qtw_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_wire_token(*, agency: Agency, label: str = "") -> tuple[str, WireToken]:
    """A new token for `agency`: (the token, to hand over once; its stored record)."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = WireToken.objects.create(agency=agency, label=label, token_hash=token_digest(token))
    return token, record


def agency_token(token: str) -> WireToken | None:
    """The live token record matching `token`, or None; its last use is noted."""
    if not token or len(token) > 200:
        return None
    record = (
        WireToken.objects.select_related("agency")
        .filter(token_hash=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if record is not None:
        now = timezone.now()
        WireToken.objects.filter(pk=record.pk).update(last_used_at=now)
        record.last_used_at = now
    return record


def revoke_wire_tokens(*, agency: Agency) -> int:
    """Revoke every live token of `agency`; returns how many there were."""
    return WireToken.objects.filter(agency=agency, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
