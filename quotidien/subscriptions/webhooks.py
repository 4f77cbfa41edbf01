"""Stripe's webhook: what Stripe reports of card subscriptions, applied to ours.

Each event is verified, stored once (a second delivery changes nothing) and applied in the
same transaction, so it is applied exactly once. Stripe does not promise any order: a
subscription's state is read from the subscription object an event carries, and an event
older than the state a row already holds (`Subscription.stripe_state_at`) does not undo it.
The signals of `signals.py` go out once the change is committed.
"""

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial

import stripe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, transaction
from wagtail.log_actions import log

from . import services, signals
from .models import Currency, Payment, Price, StripeEvent, Subscription

logger = logging.getLogger(__name__)

Status = Subscription.Status

# Stripe's statuses in ours. A paused subscription opens nothing but may resume; an unpaid
# one is where Stripe gave up retrying: access ends, until the reader pays the invoice.
STATUSES = {
    "incomplete": Status.INCOMPLETE,
    "trialing": Status.ACTIVE,
    "active": Status.ACTIVE,
    "past_due": Status.PAST_DUE,
    "unpaid": Status.EXPIRED,
    "paused": Status.INCOMPLETE,
    "canceled": Status.EXPIRED,
    "incomplete_expired": Status.EXPIRED,
}
# Stripe dates events to the second and a checkout sends several within one: inside a
# second a subscription only moves forward along these ranks.
RANKS = {Status.INCOMPLETE: 0, Status.ACTIVE: 1, Status.PAST_DUE: 1, Status.CANCELLED: 1}
RANKS[Status.EXPIRED] = 2
# Currencies Stripe counts in units, not hundredths (none of ours today).
ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX"}
ZERO_DECIMAL |= {"VND", "VUV", "XAF", "XOF", "XPF"}


class BadSignature(Exception):
    """The request does not come from Stripe: unsigned, signed with another secret, or old."""


class MalformedEvent(Exception):
    """A signed payload that is not an event of the shape Stripe sends: nothing is kept."""


# What reading an object of another shape than Stripe's raises: a missing key or item, a
# value of another type, a number out of range (a date, an amount, a column).
SHAPE_ERRORS = (
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    ValueError,
    ArithmeticError,
    DataError,
)


def _check_shape(data) -> None:
    if not (
        isinstance(data, dict)
        and isinstance(data.get("id"), str)
        and isinstance(data.get("type"), str)
        and isinstance(data.get("created"), int)
        and isinstance(data.get("data"), dict)
        and isinstance(data["data"].get("object"), dict)
    ):
        raise MalformedEvent("Not a Stripe event: id, type, created and data.object expected.")


def receive(*, payload: bytes, signature: str | None) -> StripeEvent | None:
    """Verify, store and apply one webhook delivery; None when the event came before.

    Raises BadSignature, having stored nothing, when Stripe did not sign the payload, and
    MalformedEvent, having stored nothing, when a signed payload is not an event we read.
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise BadSignature("STRIPE_WEBHOOK_SECRET is not set: no event can be verified.")
    try:
        # The signature only: the payload is read below, whatever shape it has.
        stripe.WebhookSignature.verify_header(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=stripe.Webhook.DEFAULT_TOLERANCE,
        )
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise BadSignature(str(error)) from error
    try:
        data = json.loads(payload)
        _check_shape(data)
        try:
            event, created = _keep_and_apply(data)
        except IntegrityError:
            # Another delivery made the same subscription or payment meanwhile (Stripe
            # sends a new subscription's first events within milliseconds): this one is
            # applied to it, as if it had come second.
            event, created = _keep_and_apply(data)
    except SHAPE_ERRORS as error:
        # An object missing what its type always carries, or with a value of another kind
        # (a string where an object or a date is): the transaction is undone and the event
        # not kept, so that a corrected delivery is applied. Never a 500, which Stripe would
        # retry for days.
        raise MalformedEvent(f"{type(error).__name__}: {error}") from error
    return event if created else None


@transaction.atomic
def _keep_and_apply(data: dict) -> tuple[StripeEvent, bool]:
    event, created = StripeEvent.objects.get_or_create(
        event_id=data["id"],
        defaults={"type": data["type"], "created": _when(data["created"]), "payload": data},
    )
    if created:
        apply_event(data)
    return event, created


def apply_event(event: dict) -> None:
    """Apply one Stripe event to the subscription it is about; unknown types are ignored."""
    handler = HANDLERS.get(event["type"])
    if handler is None:
        return
    handler(_Event(event["id"], event["type"], _when(event["created"])), event["data"]["object"])


def apply_subscription_state(
    *, subscription: Subscription, stripe_subscription: dict, action: str, by=None
) -> str | None:
    """Bring `subscription` to the state of a subscription object Stripe just answered.

    For the site's own calls to Stripe (a reader cancels): what Stripe answers is true now,
    so it is applied whatever the row holds, and `stripe_state_at` is left for the events.
    """
    with transaction.atomic():
        row = Subscription.objects.select_for_update().get(pk=subscription.pk)
        change = _set_state(
            row,
            _state_of(stripe_subscription),
            at=None,
            action=action,
            by=by,
            why={"source": "api"},
        )
    subscription.refresh_from_db()
    return change


@dataclass(frozen=True)
class _Event:
    id: str
    type: str
    at: datetime


@dataclass(frozen=True)
class _State:
    status: str
    current_period_end: datetime | None
    cancel_at_period_end: bool
    cancelled_at: datetime | None
    ended_at: datetime | None


def _when(timestamp: int | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, tz=UTC) if timestamp else None


def _id(value) -> str:
    """An expandable field's id, whether Stripe sent the id or the object."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


def _state_of(obj: dict) -> _State:
    """Our state of a Stripe subscription object, in the shapes of old and new API versions."""
    status = STATUSES.get(obj.get("status"), Status.INCOMPLETE)
    # Since the 2025-03-31 API version, periods are the items'.
    items = (obj.get("items") or {}).get("data") or []
    ends = [item["current_period_end"] for item in items if item.get("current_period_end")]
    period_end = obj.get("current_period_end") or (max(ends) if ends else None)
    cancel_at = obj.get("cancel_at")
    if cancel_at and period_end:
        period_end = min(period_end, cancel_at)
    scheduled = bool(obj.get("cancel_at_period_end") or cancel_at)
    if status == Status.ACTIVE and scheduled:
        status = Status.CANCELLED
    return _State(
        status=status,
        current_period_end=_when(period_end),
        cancel_at_period_end=scheduled and status != Status.EXPIRED,
        cancelled_at=_when(obj.get("canceled_at")),
        ended_at=_when(obj.get("ended_at")) if status == Status.EXPIRED else None,
    )


def _row_state(row: Subscription) -> _State:
    return _State(
        row.status, row.current_period_end, row.cancel_at_period_end, row.cancelled_at, row.ended_at
    )


def _supersedes(row: Subscription, status: str, at: datetime | None) -> bool:
    """Whether a state Stripe reported at `at` is newer than the one `row` holds."""
    if row.status == Status.EXPIRED and row.ended_at:
        # A canceled Stripe subscription never runs again: subscribing anew makes another.
        return False
    if at is None or row.stripe_state_at is None:
        return True
    if at != row.stripe_state_at:
        return at > row.stripe_state_at
    return RANKS[status] >= RANKS[row.status]


def _change(before: _State, after: _State) -> str | None:
    """What a reader would call the move from `before` to `after`."""
    if after.status == Status.EXPIRED:
        return signals.EXPIRED if before.status != Status.EXPIRED else None
    if before.status == Status.INCOMPLETE and after.status in Status.GIVING_ACCESS:
        return signals.ACTIVATED
    if after.cancel_at_period_end and not before.cancel_at_period_end:
        return signals.CANCELLED
    if before.cancel_at_period_end and not after.cancel_at_period_end:
        return signals.REACTIVATED
    return None


def _set_state(
    row: Subscription,
    state: _State,
    *,
    at: datetime | None,
    action: str = services.STRIPE_UPDATE,
    by=None,
    why: dict,
) -> str | None:
    """Store `state` on the locked `row`, log it and announce its change after the commit."""
    before = _row_state(row)
    if state == before and (at is None or at == row.stripe_state_at):
        return None
    row.status = state.status
    row.current_period_end = state.current_period_end
    row.cancel_at_period_end = state.cancel_at_period_end
    row.cancelled_at = state.cancelled_at
    row.ended_at = state.ended_at
    if at is not None:
        row.stripe_state_at = at
    row.save()
    change = _change(before, state)
    if state != before:
        log(
            instance=row,
            action=action,
            user=by,
            data={
                **why,
                "change": change,
                "status": [before.status, state.status],
                "until": _iso(state.current_period_end),
                "cancel_at_period_end": state.cancel_at_period_end,
            },
        )
    if change:
        _announce(row, change)
    return change


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _announce(row: Subscription, change: str) -> None:
    transaction.on_commit(
        partial(
            signals.subscription_changed.send,
            sender=Subscription,
            subscription=row,
            change=change,
            user=None,
        )
    )


def _subscription_for(
    event: _Event,
    *,
    stripe_id: str,
    user_id: str | None,
    price_id: str | None,
    customer_id: str,
    started: int | None = None,
) -> Subscription | None:
    """The locked row of a Stripe subscription, made when the reader and the price are known.

    Whichever of Stripe's events comes first makes it: each names the reader (the Checkout
    session puts them in the subscription's metadata) and the price.
    """
    row = Subscription.objects.select_for_update().filter(stripe_subscription_id=stripe_id).first()
    price = (
        Price.objects.select_related("plan").filter(stripe_price_id=price_id).first()
        if price_id
        else None
    )
    if row is not None:
        changed = []
        if customer_id and not row.stripe_customer_id:
            row.stripe_customer_id = customer_id
            changed.append("stripe_customer_id")
        if price is not None and (row.plan_id, row.currency) != (price.plan_id, price.currency):
            # The reader changed plans in Stripe's portal.
            row.plan, row.currency, row.amount = price.plan, price.currency, price.amount
            changed += ["plan", "currency", "amount"]
        if changed:
            row.save(update_fields=[*changed, "updated_at"])
        return row
    user = None
    if user_id and str(user_id).isdigit():
        user = get_user_model().objects.filter(pk=int(user_id)).first()
    if user is None and customer_id:
        earlier = Subscription.objects.filter(stripe_customer_id=customer_id).first()
        user = earlier.user if earlier else None
    if user is None or price is None:
        logger.warning(
            "Stripe event %s (%s): subscription %s is not this site's or names an unknown "
            "reader or price (user %s, price %s); ignored.",
            event.id,
            event.type,
            stripe_id,
            user_id,
            price_id,
        )
        return None
    row = Subscription.objects.create(
        user=user,
        plan=price.plan,
        source=Subscription.Source.STRIPE,
        currency=price.currency,
        amount=price.amount,
        status=Status.INCOMPLETE,
        started_at=_when(started) or event.at,
        stripe_customer_id=customer_id,
        stripe_subscription_id=stripe_id,
    )
    return Subscription.objects.select_for_update().get(pk=row.pk)


def _on_checkout_completed(event: _Event, session: dict) -> None:
    if session.get("mode") != "subscription" or not session.get("subscription"):
        return
    metadata = session.get("metadata") or {}
    line_items = (session.get("line_items") or {}).get("data") or []
    price_id = metadata.get("price_id") or (_id(line_items[0].get("price")) if line_items else None)
    _subscription_for(
        event,
        stripe_id=_id(session["subscription"]),
        user_id=session.get("client_reference_id") or metadata.get("user_id"),
        price_id=price_id,
        customer_id=_id(session.get("customer")),
    )


def _on_subscription(event: _Event, obj: dict) -> None:
    items = (obj.get("items") or {}).get("data") or []
    row = _subscription_for(
        event,
        stripe_id=obj["id"],
        user_id=(obj.get("metadata") or {}).get("user_id"),
        price_id=_id(items[0].get("price")) if items else None,
        customer_id=_id(obj.get("customer")),
        started=obj.get("start_date"),
    )
    if row is None:
        return
    state = _state_of(obj)
    if _supersedes(row, state.status, event.at):
        _set_state(row, state, at=event.at, why={"event": event.id, "type": event.type})


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    """The invoice's subscription id and that subscription's metadata, in old and new shapes."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    old_details = invoice.get("subscription_details") or {}
    stripe_id = _id(details.get("subscription")) or _id(invoice.get("subscription"))
    return stripe_id, details.get("metadata") or old_details.get("metadata") or {}


def _subscription_line(invoice: dict) -> dict:
    lines = (invoice.get("lines") or {}).get("data") or []
    for line in lines:
        parent = line.get("parent") or {}
        if line.get("type") == "subscription" or parent.get("subscription_item_details"):
            return line
    return lines[0] if lines else {}


def _line_price(line: dict) -> str | None:
    details = (line.get("pricing") or {}).get("price_details") or {}
    return _id(details.get("price")) or _id(line.get("price")) or None


def _invoice_row(event: _Event, invoice: dict) -> tuple[Subscription | None, dict]:
    stripe_id, metadata = _invoice_subscription(invoice)
    if not stripe_id:
        return None, {}
    line = _subscription_line(invoice)
    row = _subscription_for(
        event,
        stripe_id=stripe_id,
        user_id=metadata.get("user_id"),
        price_id=_line_price(line),
        customer_id=_id(invoice.get("customer")),
    )
    return row, line


def _amount(minor_units: int, currency: str) -> Decimal:
    if currency in ZERO_DECIMAL:
        return Decimal(minor_units)
    return (Decimal(minor_units) / 100).quantize(Decimal("0.01"))


def _on_invoice_paid(event: _Event, invoice: dict) -> None:
    row, line = _invoice_row(event, invoice)
    if row is None:
        return
    period_end = _when((line.get("period") or {}).get("end"))
    currency = (invoice.get("currency") or "").upper()
    paid_at = _when((invoice.get("status_transitions") or {}).get("paid_at")) or event.at
    payment, created = Payment.objects.get_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "subscription": row,
            "amount": _amount(invoice.get("amount_paid") or 0, currency),
            "currency": currency if currency in Currency.values else row.currency,
            "method": Payment.Method.CARD,
            "paid_at": paid_at,
            "period_end": period_end,
            "receipt_url": invoice.get("hosted_invoice_url") or "",
        },
    )
    if created:
        log(
            instance=row,
            action=services.PAYMENT,
            user=None,
            data={
                "event": event.id,
                "invoice": invoice["id"],
                "amount": str(payment.amount),
                "currency": payment.currency,
                "method": payment.method,
                "until": _iso(period_end),
            },
        )
        transaction.on_commit(
            partial(signals.payment_received.send, sender=Payment, payment=payment)
        )
    change = None
    if _supersedes(row, Status.ACTIVE, event.at):
        before = _row_state(row)
        # A paid invoice opens or extends the period; a cancellation still stands.
        status = before.status if before.status == Status.CANCELLED else Status.ACTIVE
        ends = [end for end in (before.current_period_end, period_end) if end]
        state = _State(
            status=status,
            current_period_end=max(ends) if ends else None,
            cancel_at_period_end=before.cancel_at_period_end,
            cancelled_at=before.cancelled_at,
            ended_at=None,
        )
        change = _set_state(row, state, at=event.at, why={"event": event.id, "type": event.type})
    # A new period paid, even after a failed payment, is a renewal; the first is a welcome.
    if created and invoice.get("billing_reason") == "subscription_cycle" and change is None:
        _announce(row, signals.RENEWED)


def _on_payment_failed(event: _Event, invoice: dict) -> None:
    row, _line = _invoice_row(event, invoice)
    if row is None or row.status not in Status.GIVING_ACCESS:
        # A first payment that fails is told by Checkout itself; there is nothing to open.
        return
    if not _supersedes(row, Status.PAST_DUE, event.at):
        return
    before = _row_state(row)
    state = _State(
        Status.PAST_DUE,
        before.current_period_end,
        before.cancel_at_period_end,
        before.cancelled_at,
        None,
    )
    _set_state(row, state, at=event.at, why={"event": event.id, "type": event.type})
    log(
        instance=row,
        action=services.PAYMENT_FAILED,
        user=None,
        data={
            "event": event.id,
            "invoice": invoice.get("id"),
            "attempt": invoice.get("attempt_count"),
        },
    )
    # Each failed attempt is one event, announced once: Stripe retries, the reader is told.
    _announce(row, signals.PAYMENT_FAILED)


HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.created": _on_subscription,
    "customer.subscription.updated": _on_subscription,
    "customer.subscription.deleted": _on_subscription,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_payment_failed,
}
