"""Gift links: a subscriber shares a subscriber article; its signed link opens it in full
to anyone for a few days (settings.QUOTIDIEN_GIFT_DAYS), a few times a month each.

The link carries the gift's number, signed: nobody can forge one for another article or
stretch its life, which the database holds.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import GiftLink, midnight, month_start

PARAMETER = "cadeau"
_SIGNER = signing.Signer(salt="quotidien.subscriptions.gift")


def token_for(gift: GiftLink) -> str:
    return _SIGNER.sign(str(gift.pk))


def is_signed(token: str) -> bool:
    """Whether `token` was signed here (a gift link's, running or not), without a query:
    the page cache serves its page to any made-up value."""
    try:
        _SIGNER.unsign(token)
    except signing.BadSignature:
        return False
    return True


def running(token: str, article) -> int | None:
    """The number of the gift `token` links to `article`, if it still runs; else None.

    Asked by every channel that shows the article; only its page counts the opening
    (`count_opening`), when a reader opens it (`access.reads_now`)."""
    try:
        pk = int(_SIGNER.unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    running = GiftLink.objects.filter(pk=pk, article_id=article.pk, expires_at__gt=timezone.now())
    return pk if running.exists() else None


def has_expired(token: str, article) -> bool:
    """Whether `token` is the signed link of a gift of `article` whose days have run out."""
    try:
        pk = int(_SIGNER.unsign(token))
    except (signing.BadSignature, ValueError):
        return False
    gift = GiftLink.objects.filter(pk=pk, article_id=article.pk)
    return gift.filter(expires_at__lte=timezone.now()).exists()


def count_opening(gift_pk: int) -> None:
    """One more reader opened the article through gift `gift_pk`."""
    GiftLink.objects.filter(pk=gift_pk).update(opened=F("opened") + 1)


def given_this_month(user) -> int:
    start = midnight(month_start())
    return GiftLink.objects.filter(sender=user, created_at__gte=start).count()


def left_this_month(user) -> int:
    return max(0, settings.QUOTIDIEN_GIFTS_PER_MONTH - given_this_month(user))


def check(*, sender, article) -> None:
    """Raise the ValidationError with which `offer` would refuse `sender` a gift link to
    `article`: the gift page says it in place of its button."""
    _check_may_offer(sender, article)
    if given_this_month(sender) >= settings.QUOTIDIEN_GIFTS_PER_MONTH:
        if _running(sender, article) is None:
            raise _allowance_error()


def offer(*, sender, article) -> GiftLink:
    """The gift link `sender` shares for `article`: the running one if they made it already,
    else a new one, if the month's allowance has room."""
    _check_may_offer(sender, article)
    with transaction.atomic():
        # One subscriber's gifts are counted and made one request at a time.
        get_user_model().objects.lock(sender)
        return _offer(sender, article)


def _check_may_offer(sender, article) -> None:
    from .access import is_subscriber

    if not article.for_subscribers:
        raise ValidationError(
            _("Cet article est en accès libre : partagez simplement son adresse."), code="free"
        )
    if not is_subscriber(sender):
        raise ValidationError(
            _("Les liens cadeaux sont réservés aux abonnés."), code="not_subscriber"
        )


def _running(sender, article) -> GiftLink | None:
    running = GiftLink.objects.filter(sender=sender, article=article)
    return running.filter(expires_at__gt=timezone.now()).first()


def _allowance_error() -> ValidationError:
    allowance = settings.QUOTIDIEN_GIFTS_PER_MONTH
    return ValidationError(
        ngettext(
            "Vous avez déjà offert %(count)d article ce mois-ci, le maximum : "
            "vous pourrez en offrir de nouveau le mois prochain.",
            "Vous avez déjà offert %(count)d articles ce mois-ci, le maximum : "
            "vous pourrez en offrir de nouveau le mois prochain.",
            allowance,
        )
        % {"count": allowance},
        code="allowance",
    )


def _offer(sender, article) -> GiftLink:
    if (running := _running(sender, article)) is not None:
        return running
    if given_this_month(sender) >= settings.QUOTIDIEN_GIFTS_PER_MONTH:
        raise _allowance_error()
    now = timezone.now()
    return GiftLink.objects.create(
        sender=sender,
        article=article,
        created_at=now,
        expires_at=now + timedelta(days=settings.QUOTIDIEN_GIFT_DAYS),
    )
