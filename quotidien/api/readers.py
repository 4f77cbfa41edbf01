"""Readers' apps sign in: an e-mail and a password give a token for posting comments."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from ninja import Router, Status

from quotidien.accounts.tokens import reader_token

from .errors import ApiError, error_responses
from .schemas import TokenIn, TokenOut
from .throttling import TokenAttemptThrottle, WriteThrottle

router = Router(tags=["Lecteurs"])


def is_reader_by_email(user, login: str) -> bool:
    """Whether `user` was named by their e-mail address and is a reader: an account that
    enters the back office (editors, moderators, the superuser) has no reader token, whose
    30 days would outlive its session there."""
    if "@" not in login or user.email.casefold() != login.strip().casefold():
        return False
    return not (user.is_staff or user.is_superuser or user.enters_back_office())


@router.post(
    "/token/",
    throttle=[TokenAttemptThrottle(), WriteThrottle()],
    response={201: TokenOut, **error_responses(400, 401, 422, 429)},
    summary="Obtenir un jeton de lecteur",
    description=(
        "Avec l’adresse e-mail et le mot de passe d’un compte de lecteur confirmé. Le jeton "
        f"vaut {settings.QUOTIDIEN_READER_TOKEN_DAYS} jours (réglage READER_TOKEN_DAYS) et "
        "cesse de valoir quand le mot de passe change. Après "
        f"{settings.AXES_FAILURE_LIMIT} échecs, le compte est bloqué "
        f"{settings.AXES_COOLOFF_TIME.seconds // 60} minutes depuis cette adresse (429), "
        "comme sur le site. Une même adresse IP fait au plus "
        f"{settings.QUOTIDIEN_RATE_LIMITS['reader-token'][0]} demandes par minute "
        "(réglage TOKEN_ATTEMPTS_PER_MINUTE), puis reçoit 429 avec Retry-After."
    ),
)
def token(request: HttpRequest, data: TokenIn):
    reader = authenticate(request, username=data.email, password=data.password)
    if reader is not None and not is_reader_by_email(reader, data.email):
        # A user name, or a back-office account: refused as a wrong password is, and
        # counted by the lockout as one, so the answer tells nothing about the account.
        user_login_failed.send(
            sender=__name__, credentials={"username": data.email}, request=request
        )
        reader = None
    if reader is None:
        if getattr(request, "axes_locked_out", False):
            raise ApiError(
                429,
                "Trop de tentatives de connexion ont échoué pour ce compte depuis votre adresse : "
                "réessayez dans un quart d’heure.",
                code="compte_bloque",
            )
        raise ApiError(
            401, "Adresse e-mail ou mot de passe incorrect, ou compte pas encore confirmé."
        )
    value, expires_at = reader_token(reader)
    return Status(
        201,
        {
            "token": value,
            "expires_at": expires_at,
            "reader": {"id": reader.pk, "display_name": reader.get_display_name()},
        },
    )
