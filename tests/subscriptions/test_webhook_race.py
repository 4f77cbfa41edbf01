"""Stripe sends the first events of a new subscription within milliseconds of each other,
and may deliver them at once: whichever makes the subscription first, the other applies
itself to it, and both are answered 200 (a 500 would be retried by Stripe for days).

On PostgreSQL the two deliveries run side by side, in two threads with their own
connections, both paused before making the subscription until the other has caught up."""

import json

import pytest
from django.db import connection
from django.test import Client

from quotidien.subscriptions.models import StripeEvent, Subscription
from tests import races

from .conftest import STRIPE_SUBSCRIPTION, stripe_signature

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite fait attendre toute autre transaction d’écriture dès son début",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def send(event: dict):
    payload = json.dumps(event)
    return Client().post(
        "/abonnement/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload),
    )


def test_two_first_events_at_once_make_one_subscription_and_both_are_applied(
    stripe_keys, recordings, reader, monthly, monkeypatch
):
    created, completed = (
        recordings.load(name, reader=reader)
        for name in ("evt_customer_subscription_created", "evt_checkout_session_completed")
    )

    answers = races.side_by_side(
        monkeypatch, Subscription, [lambda: send(created), lambda: send(completed)]
    )

    assert [answer.status_code for answer in answers] == [200, 200]
    subscription = Subscription.objects.get(stripe_subscription_id=STRIPE_SUBSCRIPTION)
    assert subscription.user == reader
    assert set(StripeEvent.objects.values_list("event_id", flat=True)) == {
        created["id"],
        completed["id"],
    }
