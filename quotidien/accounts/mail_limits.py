"""How many e-mails one address gets at anyone's request: a sign-up's confirmation (or
"you already have an account"), a password reset, a change of address, the acknowledgement
of a right-of-reply request. Counted together under the limit "address-emails"
(`settings.QUOTIDIEN_RATE_LIMITS`), whoever asks and from wherever, whether the address
has an account or not: a stranger's mailbox cannot be flooded from many addresses."""

from quotidien.ratelimits import limits

from .lockout import fold

LIMIT = "address-emails"


def count_mail_to(email: str) -> limits.Verdict:
    """Count one more e-mail to `email`; the verdict says whether it may be sent."""
    return limits.hit(LIMIT, fold(email))


def may_mail(email: str) -> limits.Verdict:
    """Whether one more e-mail may be sent to `email`, without counting it."""
    return limits.peek(LIMIT, fold(email))
