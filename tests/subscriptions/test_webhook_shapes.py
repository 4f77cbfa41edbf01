"""A signed event of a shape Stripe never sends (a list where an object is, a string where a
number is…) never fails the webhook: Stripe would retry it for days. It is refused with a
400 and changes nothing stored, or read as harmlessly as Stripe's own shapes."""

import json

import pytest
from django.forms.models import model_to_dict
from wagtail.models import ModelLogEntry

from quotidien.subscriptions.models import Payment, StripeEvent, Subscription

from .test_webhooks import CHECKOUT_EVENTS

# The events whose objects the webhook reads, and the keys it reads in them.
EVENTS = (
    "evt_customer_subscription_updated_renewed",
    "evt_invoice_paid_renewal",
    "evt_invoice_payment_failed",
    "evt_checkout_session_completed",
)
READ_KEYS = {
    *("items", "data", "price", "metadata", "customer", "status", "id", "type", "mode"),
    *("current_period_end", "cancel_at", "cancel_at_period_end", "canceled_at", "ended_at"),
    *("start_date", "subscription", "lines", "period", "end", "parent", "pricing"),
    *("subscription_details", "subscription_item_details", "price_details", "line_items"),
    *("amount_paid", "currency", "status_transitions", "paid_at", "client_reference_id"),
    *("user_id", "billing_reason", "hosted_invoice_url", "attempt_count", "created"),
}


def wrong_values(right) -> tuple:
    """Values of other kinds than `right`: a string for an object, a list or a number for a
    string, a string or a number out of any range for a number."""
    if isinstance(right, dict | list):
        return ("x",)
    if isinstance(right, int) and not isinstance(right, bool):
        return ("x", 10**20)
    return (["x"], 7)


def read_paths(value, path=()):
    """The paths, in an event, of the values the webhook reads."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(value, list) or key in READ_KEYS:
            if isinstance(value, dict):
                yield (*path, key)
            if isinstance(item, dict | list):
                yield from read_paths(item, (*path, key))


def value_at(event: dict, path: tuple):
    for key in path:
        event = event[key]
    return event


def with_value(event: dict, path: tuple, value) -> dict:
    changed = json.loads(json.dumps(event))
    *parents, last = path
    target = changed
    for key in parents:
        target = target[key]
    target[last] = value
    return changed


def stored() -> tuple:
    return (
        list(StripeEvent.objects.values_list("event_id", flat=True).order_by("pk")),
        [model_to_dict(row) for row in Subscription.objects.order_by("pk")],
        list(Payment.objects.values_list("pk", flat=True).order_by("pk")),
        ModelLogEntry.objects.count(),
    )


@pytest.mark.django_db
def test_a_signed_event_of_the_wrong_shape_never_fails_and_changes_nothing_if_refused(
    client, deliver, recordings, reader, monthly
):
    for name in CHECKOUT_EVENTS:
        assert deliver(recordings.load(name, reader=reader)).status_code == 200
    client.raise_request_exception = False
    deliveries = 0
    before = stored()

    for name in EVENTS:
        event = recordings.load(name, reader=reader)
        for path in read_paths(event["data"]["object"], ("data", "object")):
            for value in wrong_values(value_at(event, path)):
                wrong = with_value(event, path, value)
                wrong["id"] = f"{event['id']}_{deliveries}"
                deliveries += 1

                answer = deliver(wrong)

                where = f"{name}: {'.'.join(map(str, path))} = {value!r}"
                assert answer.status_code in (200, 400), where
                if answer.status_code == 400:
                    assert answer.content == "Événement mal formé.".encode(), where
                    assert stored() == before, where
                else:
                    before = stored()

    assert deliveries > 100


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["created", "updated", "deleted"])
def test_subscription_event_whose_items_is_a_string_is_refused(
    kind, deliver, recordings, reader, monthly
):
    name = {"updated": "evt_customer_subscription_updated_active"}.get(
        kind, f"evt_customer_subscription_{kind}"
    )
    event = recordings.load(name, reader=reader)
    event["data"]["object"]["items"] = "x"

    answer = deliver(event)

    assert (answer.status_code, answer.content) == (400, "Événement mal formé.".encode())
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert not StripeEvent.objects.exists() and not Subscription.objects.exists()
