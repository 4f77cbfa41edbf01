"""Stripe's webhook: signed events kept once, applied once, in whatever order they come."""

import json
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from quotidien.subscriptions import signals
from quotidien.subscriptions.models import Payment, StripeEvent, Subscription

from .conftest import DAY, STRIPE_CUSTOMER, STRIPE_SUBSCRIPTION, stripe_signature

# What Stripe sends when a reader pays at Checkout, in the order it happened.
CHECKOUT_EVENTS = (
    "evt_customer_subscription_created",
    "evt_customer_subscription_updated_active",
    "evt_invoice_paid",
    "evt_checkout_session_completed",
)
FIRST_PERIOD_END = 31 * DAY
SECOND_PERIOD_END = 62 * DAY


@pytest.fixture
def events(recordings, reader):
    def load(name: str) -> dict:
        return recordings.load(name, reader=reader)

    return load


def card_subscription() -> Subscription:
    return Subscription.objects.select_related("plan").get(
        stripe_subscription_id=STRIPE_SUBSCRIPTION
    )


def actions(subscription) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(subscription)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_checkout_events_open_a_subscription_linked_to_the_reader(
    deliver, events, recordings, reader, monthly, heard
):
    for name in CHECKOUT_EVENTS:
        assert deliver(events(name)).status_code == 200

    subscription = card_subscription()
    assert subscription.user == reader
    assert subscription.plan == monthly
    assert (subscription.currency, subscription.amount) == ("USD", Decimal("10.00"))
    assert subscription.source == Subscription.Source.STRIPE
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.stripe_customer_id == STRIPE_CUSTOMER
    assert subscription.current_period_end == recordings.at(FIRST_PERIOD_END)
    assert subscription.gives_access
    payment = subscription.payments.get()
    assert (payment.amount, payment.currency, payment.method) == (Decimal("10.00"), "USD", "card")
    assert payment.receipt_url.startswith("https://invoice.stripe.com/")
    assert payment.period_end == recordings.at(FIRST_PERIOD_END)
    assert heard == [
        ("changed", signals.ACTIVATED, subscription.pk),
        ("paid", Decimal("10.00")),
    ]
    assert StripeEvent.objects.count() == 4
    assert "subscriptions.stripe_update" in actions(subscription)
    assert "subscriptions.payment" in actions(subscription)


def test_checkout_completed_alone_links_the_subscription_to_the_reader(
    deliver, events, reader, monthly
):
    assert deliver(events("evt_checkout_session_completed")).status_code == 200

    subscription = card_subscription()
    assert subscription.user == reader
    assert subscription.plan == monthly
    assert subscription.status == Subscription.Status.INCOMPLETE
    assert not subscription.gives_access


def test_bad_signature_is_refused_and_nothing_is_stored(deliver, events, monthly, heard):
    answer = deliver(
        events("evt_customer_subscription_updated_active"), secret="whsec_someone_else"
    )

    assert answer.status_code == 400
    # Its accents read as such wherever it is shown (Stripe's dashboard).
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.content.decode() == "Signature invalide."
    assert not StripeEvent.objects.exists()
    assert not Subscription.objects.exists()
    assert heard == []


def test_unsigned_or_stale_deliveries_are_refused(deliver, events, monthly):
    event = events("evt_customer_subscription_updated_active")

    assert deliver(event, signature="t=1,v1=00").status_code == 400
    old = stripe_signature(json.dumps(event), at=1_700_000_000)
    assert deliver(event, signature=old).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_delivery_too_large_to_be_an_event_is_a_413_and_stores_nothing(deliver, events, monthly):
    event = events("evt_customer_subscription_updated_active")
    event["padding"] = "x" * (3 * 1024 * 1024)

    answer = deliver(event)

    assert answer.status_code == 413
    assert not StripeEvent.objects.exists()


def test_webhook_without_a_secret_refuses_everything(client, settings, events, monthly):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = json.dumps(events("evt_invoice_paid"))
    answer = client.post(
        "/abonnement/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload),
    )

    assert answer.status_code == 400
    assert not StripeEvent.objects.exists()


def test_same_event_delivered_twice_is_applied_once(deliver, events, monthly, heard):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))
    heard.clear()

    again = deliver(events("evt_invoice_paid"))

    assert again.status_code == 200
    assert (again["Content-Type"], again.content.decode()) == ("text/plain; charset=utf-8", "Reçu.")
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.filter(event_id="evt_1TkQuotidienInv001").count() == 1
    assert heard == []


def test_events_in_reverse_order_end_in_the_right_state(
    deliver, events, recordings, reader, monthly, heard
):
    for name in reversed(CHECKOUT_EVENTS):
        assert deliver(events(name)).status_code == 200

    subscription = card_subscription()
    # The subscription's creation, still "incomplete", came last but is the oldest news.
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.current_period_end == recordings.at(FIRST_PERIOD_END)
    assert subscription.user == reader
    assert [item for item in heard if item[0] == "changed"] == [
        ("changed", signals.ACTIVATED, subscription.pk)
    ]


def test_late_old_event_does_not_undo_a_cancellation(deliver, events, monthly, heard):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))
    deliver(events("evt_customer_subscription_updated_cancelled"))

    # The reactivation of day 12 arrives, then an update of day 0 that Stripe was slow to
    # deliver: it may not undo what came after it.
    deliver(events("evt_customer_subscription_updated_reactivated"))
    late = events("evt_customer_subscription_updated_active")
    late["id"] = "evt_1TkQuotidienSubLate"
    deliver(late)

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.ACTIVE
    assert not subscription.cancel_at_period_end
    assert subscription.cancelled_at is None
    changes = [item[1] for item in heard if item[0] == "changed"]
    assert changes == [signals.ACTIVATED, signals.CANCELLED, signals.REACTIVATED]


def test_cancellation_from_the_portal_keeps_access_to_the_end_of_the_period(
    deliver, events, recordings, monthly, heard
):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))

    deliver(events("evt_customer_subscription_updated_cancelled"))

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.CANCELLED
    assert subscription.cancel_at_period_end
    assert subscription.cancelled_at == recordings.at(10 * DAY)
    assert subscription.current_period_end == recordings.at(FIRST_PERIOD_END)
    assert subscription.gives_access
    assert heard[-1] == ("changed", signals.CANCELLED, subscription.pk)


def test_failed_renewal_makes_the_subscription_past_due_and_says_so_once(
    deliver, events, recordings, monthly, heard
):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))
    heard.clear()

    deliver(events("evt_invoice_payment_failed"))
    deliver(events("evt_customer_subscription_updated_past_due"))

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.PAST_DUE
    assert subscription.current_period_end == recordings.at(SECOND_PERIOD_END)
    assert heard == [("changed", signals.PAYMENT_FAILED, subscription.pk)]
    assert "subscriptions.payment_failed" in actions(subscription)
    assert Payment.objects.count() == 1


def test_renewal_records_the_payment_and_moves_the_period(
    deliver, events, recordings, monthly, heard
):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))
    deliver(events("evt_invoice_payment_failed"))
    deliver(events("evt_customer_subscription_updated_past_due"))
    heard.clear()

    deliver(events("evt_invoice_paid_renewal"))
    deliver(events("evt_customer_subscription_updated_renewed"))

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.current_period_end == recordings.at(SECOND_PERIOD_END)
    renewal = subscription.payments.get(stripe_invoice_id="in_1TkQuotidienInv002")
    assert renewal.period_end == recordings.at(SECOND_PERIOD_END)
    assert renewal.amount == Decimal("10.00")
    assert subscription.payments.count() == 2
    assert heard == [
        ("paid", Decimal("10.00")),
        ("changed", signals.RENEWED, subscription.pk),
    ]


def test_renewal_paid_before_its_subscription_update_arrives_moves_the_period(
    deliver, events, recordings, monthly
):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))

    deliver(events("evt_invoice_paid_renewal"))

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.current_period_end == recordings.at(SECOND_PERIOD_END)


def test_deleted_subscription_expires_and_stays_expired(
    deliver, events, recordings, monthly, heard
):
    for name in CHECKOUT_EVENTS:
        deliver(events(name))
    deliver(events("evt_customer_subscription_updated_cancelled"))
    heard.clear()

    deliver(events("evt_customer_subscription_deleted"))
    # A renewal's update that was delayed cannot bring an ended Stripe subscription back.
    deliver(events("evt_customer_subscription_updated_renewed"))

    subscription = card_subscription()
    assert subscription.status == Subscription.Status.EXPIRED
    assert subscription.ended_at == recordings.at(SECOND_PERIOD_END)
    assert not subscription.cancel_at_period_end
    assert not subscription.gives_access
    assert heard == [("changed", signals.EXPIRED, subscription.pk)]


def test_unknown_event_types_are_kept_and_ignored(deliver, events, monthly, heard):
    answer = deliver(events("evt_customer_created"))

    assert answer.status_code == 200
    assert StripeEvent.objects.get().type == "customer.created"
    assert not Subscription.objects.exists()
    assert heard == []


def test_subscription_of_an_unknown_price_is_kept_as_an_event_only(deliver, events, db, heard):
    answer = deliver(events("evt_customer_subscription_updated_active"))

    assert answer.status_code == 200
    assert StripeEvent.objects.count() == 1
    assert not Subscription.objects.exists()


def test_the_webhook_answers_only_posts(client):
    assert client.get("/abonnement/stripe/webhook/").status_code == 405
