"""The e-mails subscribers receive: welcome, receipt, renewal reminder, failed payment,
cancellation and expiry.

Each is plain text with an HTML alternative, rendered in French from
`subscriptions/emails/<kind>.txt` and `.html`, its links absolute (`SITE_URL`). They are
sent by the tasks of `tasks.py`, never inside a reader's request.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from quotidien.links import public_url

from .contact import payment_instructions, service_contact
from .models import PAYING, Payment, Subscription, SubscriptionRequest
from .money import format_amount, format_price

WELCOME = "welcome"
REQUEST = "request"
RECEIPT = "receipt"
REMINDER = "reminder"
PAYMENT_FAILED = "payment_failed"
CANCELLED = "cancelled"
EXPIRED = "expired"
# The e-mails about a subscription as a whole (the receipt is about one payment).
SUBSCRIPTION_KINDS = (WELCOME, REMINDER, PAYMENT_FAILED, CANCELLED, EXPIRED)


def french_date(value: datetime) -> str:
    """A date as French readers write it, in the site's time zone: "1er décembre 2026",
    "12 décembre 2026"."""
    local = timezone.localtime(value) if isinstance(value, datetime) else value
    day = _("1er") if local.day == 1 else str(local.day)
    return f"{day} {formats.date_format(local, 'F Y')}"


def will_renew(subscription: Subscription) -> bool:
    """Whether the period paid will be followed by another without the reader doing
    anything: only an active card subscription not cancelled renews by itself."""
    return (
        subscription.source == Subscription.Source.STRIPE
        and subscription.status == Subscription.Status.ACTIVE
        and not subscription.cancel_at_period_end
    )


def _subject(kind: str, context: dict) -> str:
    if kind == REQUEST:
        return _("Votre demande d’abonnement à %(site)s est bien reçue") % context
    if kind == WELCOME:
        return _("Bienvenue parmi les abonnés de %(site)s") % context
    if kind == RECEIPT:
        return _("Votre reçu %(site)s : %(amount)s le %(paid_on)s") % context
    if kind == REMINDER and context["will_renew"]:
        return _("Votre abonnement sera renouvelé le %(period_end)s") % context
    if kind == REMINDER:
        return _("Votre abonnement prend fin le %(period_end)s") % context
    if kind == PAYMENT_FAILED:
        return _("Votre paiement n’a pas abouti : votre abonnement est en attente") % context
    if kind == CANCELLED:
        return _("Résiliation confirmée : vous lisez %(site)s jusqu’au %(period_end)s") % context
    if kind == EXPIRED:
        return _("Votre abonnement à %(site)s a pris fin") % context
    raise ValueError(f"Unknown subscription e-mail {kind!r}: one of {SUBSCRIPTION_KINDS}.")


def _context(subscription: Subscription) -> dict:
    user = subscription.user
    end = subscription.current_period_end
    return {
        "site": settings.WAGTAIL_SITE_NAME,
        "site_url": public_url("/"),
        "name": user.get_display_name(),
        "subscription": subscription,
        "plan": subscription.plan.name,
        "amount": format_amount(subscription.amount, subscription.currency),
        "period_end": french_date(end) if end else "",
        "will_renew": will_renew(subscription),
        "manual": subscription.source == Subscription.Source.MANUAL,
        "account_url": public_url(reverse("subscriptions:mine")),
        "offers_url": public_url(reverse("subscriptions:offers")),
    }


def _message(kind: str, *, to: str, context: dict) -> EmailMultiAlternatives:
    template = f"subscriptions/emails/{kind}"
    message = EmailMultiAlternatives(
        subject=_subject(kind, context),
        body=render_to_string(f"{template}.txt", context),
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def subscription_email(kind: str, *, subscription: Subscription) -> EmailMultiAlternatives | None:
    """The e-mail `kind` (one of SUBSCRIPTION_KINDS) about `subscription`, ready to send;
    None when the reader has no address to write to."""
    if not subscription.user.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return _message(kind, to=subscription.user.email, context=_context(subscription))


def receipt_email(*, payment: Payment) -> EmailMultiAlternatives | None:
    """The receipt of `payment`: amount, date, plan, period paid and Stripe's receipt link
    when there is one; None when the reader has no address to write to."""
    subscription = payment.subscription
    if not subscription.user.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **_context(subscription),
            "payment": payment,
            "amount": format_amount(payment.amount, payment.currency),
            "paid_on": french_date(payment.paid_at),
            "method": payment.get_method_display(),
            "paid_until": french_date(payment.period_end) if payment.period_end else "",
            "receipt_url": payment.receipt_url,
            "receipt_page_url": public_url(reverse("subscriptions:receipt", args=[payment.pk])),
        }
        return _message(RECEIPT, to=subscription.user.email, context=context)


def request_email(*, subscription_request: SubscriptionRequest) -> EmailMultiAlternatives | None:
    """The confirmation of a subscription request: the plan, the price, how the reader will
    pay and what comes next; None when the reader has no address to write to."""
    user = subscription_request.user
    if not user.email:
        return None
    price = subscription_request.price
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "site": settings.WAGTAIL_SITE_NAME,
            "site_url": public_url("/"),
            "name": user.get_display_name(),
            "plan": subscription_request.plan.name,
            "yearly": subscription_request.plan.interval == subscription_request.plan.Interval.YEAR,
            "amount": format_price(price.amount, price.currency) if price else "",
            "paying": PAYING[subscription_request.method],
            "received_on": french_date(subscription_request.created_at),
            "contact": service_contact(),
            "paying_by_hand": payment_instructions(),
            "account_url": public_url(reverse("subscriptions:mine")),
        }
        return _message(REQUEST, to=user.email, context=context)
