"""Fixtures for subscriptions: plans with prices, Stripe's recorded answers and events.

Nothing here reaches Stripe: every test runs with a fake HTTP client that answers from
the JSON files of recorded/ (shaped as Stripe answers), and the stripe library's own
client refuses to be built.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe
from django.test import override_settings

from quotidien.subscriptions import payments, signals
from quotidien.subscriptions.models import Plan, Price

RECORDED = Path(__file__).parent / "recorded"
# The recordings were made on this date (2026-11-30 03:33 UTC); loading moves them to
# "a day ago", so that their periods run now.
RECORDED_AT = 1796000000
DAY = 86400
TIMESTAMPS = {
    "billing_cycle_anchor",
    "cancel_at",
    "canceled_at",
    "created",
    "current_period_end",
    "current_period_start",
    "end",
    "ended_at",
    "expires_at",
    "finalized_at",
    "paid_at",
    "period_end",
    "period_start",
    "start",
    "start_date",
}
TEST_SECRET_KEY = "sk_test_quotidien_recorded"
TEST_WEBHOOK_SECRET = "whsec_test_quotidien_recorded"
# The ids of the recordings.
MONTHLY_USD_PRICE = "price_1TkMensuelUSD0001"
STRIPE_CUSTOMER = "cus_TkQuotidien0001"
STRIPE_SUBSCRIPTION = "sub_1TkQuotidienMens01"


def _moved(value, offset: int, reader_id: str | None):
    if isinstance(value, dict):
        moved = {}
        for key, item in value.items():
            if key in TIMESTAMPS and isinstance(item, int) and item > 1_000_000_000:
                moved[key] = item + offset
            elif key in ("user_id", "client_reference_id") and reader_id is not None:
                moved[key] = reader_id
            else:
                moved[key] = _moved(item, offset, reader_id)
        return moved
    if isinstance(value, list):
        return [_moved(item, offset, reader_id) for item in value]
    return value


@dataclass
class Recordings:
    """Recorded Stripe objects, dated from `offset` seconds after they were recorded."""

    offset: int

    def load(self, name: str, *, reader=None) -> dict:
        """A recording, moved in time, naming `reader` where Stripe names the site's user."""
        data = json.loads((RECORDED / f"{name}.json").read_text())
        return _moved(data, self.offset, str(reader.pk) if reader is not None else None)

    def at(self, seconds_after_recording: int):
        """The aware datetime of a recorded timestamp, moved as the recordings are."""
        from datetime import UTC, datetime

        return datetime.fromtimestamp(RECORDED_AT + seconds_after_recording + self.offset, tz=UTC)


@pytest.fixture
def recordings() -> Recordings:
    return Recordings(offset=int(time.time()) - DAY - RECORDED_AT)


@dataclass(frozen=True)
class SentRequest:
    method: str
    path: str
    params: dict


class RecordedStripe(stripe.HTTPClient):
    """An HTTP client for the stripe library that answers from recordings, never the network."""

    name = "recorded"

    def __init__(self, recordings: Recordings):
        super().__init__()
        self.recordings = recordings
        self.answers: dict[tuple[str, str], tuple[str, int]] = {}
        self.requests: list[SentRequest] = []

    def answer(self, method: str, path: str, recording: str, status: int = 200) -> None:
        self.answers[(method.upper(), path)] = (recording, status)

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlsplit(url).path
        self.requests.append(SentRequest(method.upper(), path, dict(parse_qsl(post_data or ""))))
        if (method.upper(), path) not in self.answers:
            raise AssertionError(f"No recorded Stripe answer for {method.upper()} {path}")
        recording, status = self.answers[(method.upper(), path)]
        body = json.dumps(self.recordings.load(recording))
        return body, status, {"Request-Id": "req_recorded", "Content-Type": "application/json"}

    def close(self):
        pass


@pytest.fixture(autouse=True)
def stripe_api(monkeypatch, recordings) -> RecordedStripe:
    """The only Stripe the tests talk to; the library's real HTTP client cannot be made."""

    def no_network(*args, **kwargs):
        raise AssertionError("A test tried to build Stripe's real HTTP client.")

    monkeypatch.setattr(stripe._stripe_client, "new_default_http_client", no_network)
    fake = RecordedStripe(recordings)
    monkeypatch.setattr(payments, "HTTP_CLIENT", fake)
    return fake


@pytest.fixture
def stripe_keys():
    """Card payments on, with test keys that only the recordings and local signatures know."""
    with override_settings(
        STRIPE_SECRET_KEY=TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET=TEST_WEBHOOK_SECRET
    ):
        yield


def stripe_signature(payload: str, *, secret: str = TEST_WEBHOOK_SECRET, at=None) -> str:
    """The Stripe-Signature header Stripe would send: t=…,v1=HMAC-SHA256 of "t.payload"."""
    timestamp = int(at if at is not None else time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


@pytest.fixture
def deliver(client, stripe_keys, django_capture_on_commit_callbacks):
    """POST an event to the webhook as Stripe would, running what waits for the commit."""

    def send(event: dict, *, secret: str = TEST_WEBHOOK_SECRET, signature: str | None = None):
        payload = json.dumps(event)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/abonnement/stripe/webhook/",
                data=payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature or stripe_signature(payload, secret=secret),
            )

    return send


@pytest.fixture
def reader(make_reader):
    """The reader who subscribes in the card and "Mon abonnement" tests."""
    return make_reader("Rania H.", email="rania@example.org")


def messages_of(response) -> list[str]:
    """The texts of the messages a followed response shows."""
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def monthly(db):
    plan = Plan.objects.create(
        name="Mensuel", slug="mensuel", interval=Plan.Interval.MONTH, sort_order=1
    )
    Price.objects.create(
        plan=plan, currency="USD", amount=Decimal("10.00"), stripe_price_id=MONTHLY_USD_PRICE
    )
    Price.objects.create(
        plan=plan, currency="EUR", amount=Decimal("9.00"), stripe_price_id="price_1TkMensuelEUR0001"
    )
    Price.objects.create(
        plan=plan,
        currency="LBP",
        amount=Decimal("900000.00"),
        stripe_price_id="price_1TkMensuelLBP0001",
    )
    return plan


@pytest.fixture
def annual(db):
    plan = Plan.objects.create(
        name="Annuel", slug="annuel", interval=Plan.Interval.YEAR, sort_order=2
    )
    Price.objects.create(
        plan=plan,
        currency="USD",
        amount=Decimal("100.00"),
        stripe_price_id="price_1TkAnnuelUSD00001",
    )
    return plan


@pytest.fixture
def heard():
    """The subscription signals sent, in order: ("changed", change, pk) and ("paid", amount)."""
    received = []

    def changed(sender, subscription, change, user, **kwargs):
        received.append(("changed", change, subscription.pk))

    def paid(sender, payment, **kwargs):
        received.append(("paid", payment.amount))

    signals.subscription_changed.connect(changed, weak=False)
    signals.payment_received.connect(paid, weak=False)
    yield received
    signals.subscription_changed.disconnect(changed)
    signals.payment_received.disconnect(paid)


@pytest.fixture
def plan(db):
    """A monthly plan priced in dollars and in euros (the paywall tests' offer)."""
    from quotidien.subscriptions.models import Plan, Price

    plan = Plan.objects.create(name="Mensuel", slug="mensuel")
    Price.objects.create(plan=plan, currency="USD", amount=10)
    Price.objects.create(plan=plan, currency="EUR", amount=9)
    return plan


@pytest.fixture
def economy(make_section):
    """A section whose articles are for subscribers."""
    from quotidien.news.models import Access

    return make_section("Économie", slug="economie", access=Access.SUBSCRIBERS)
