"""Subscribing by card: the offers page, Stripe Checkout and the Customer Portal, with
Stripe's recorded answers."""

from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.utils import timezone

from quotidien.subscriptions import payments
from quotidien.subscriptions.models import Subscription

from .conftest import MONTHLY_USD_PRICE, STRIPE_CUSTOMER, messages_of


def test_offers_list_each_plan_with_its_prices_per_currency(client, home, monthly, annual):
    page = client.get("/abonnement/").content.decode()

    assert "Mensuel" in page and "Annuel" in page
    assert "10 USD" in page and "9 EUR" in page and "900\u00a0000 LBP" in page
    assert "100 USD" in page
    assert "par mois" in page and "par an" in page


def test_anonymous_reader_is_asked_to_log_in_first_and_comes_back(client, home, monthly):
    page = client.get("/abonnement/").content.decode()

    assert "/compte/connexion/?next=/abonnement/" in page
    assert "/compte/inscription/?next=/abonnement/" in page
    assert "S’abonner en USD" not in page
    # No form, no CSRF token: the page cache may keep the page for every anonymous reader.
    assert "csrfmiddlewaretoken" not in page


def test_logged_in_reader_gets_a_subscribe_button_per_price(
    client, home, stripe_keys, reader, monthly
):
    client.force_login(reader)

    page = client.get("/abonnement/").content.decode()

    assert page.count("S’abonner en") == 3
    assert 'name="currency" value="EUR"' in page


def test_without_stripe_keys_the_offers_send_readers_to_the_service(
    client, home, settings, reader, monthly
):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(reader)

    page = client.get("/abonnement/").content.decode()

    assert "contactez le Service abonnés" in page
    assert "S’abonner en" not in page


def test_subscribe_sends_the_reader_to_stripe_checkout(
    client, home, stripe_keys, stripe_api, reader, monthly, settings
):
    # Stripe sends the reader back to the paper's address, never to the host a request named.
    settings.WAGTAILADMIN_BASE_URL = "https://journal.example"
    stripe_api.answer("POST", "/v1/checkout/sessions", "checkout_session_created")
    client.force_login(reader)

    answer = client.post("/abonnement/paiement/", {"plan": "mensuel", "currency": "USD"})

    assert answer.status_code == 302
    assert answer["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    sent = stripe_api.requests[-1].params
    assert sent["mode"] == "subscription"
    assert sent["line_items[0][price]"] == MONTHLY_USD_PRICE
    assert sent["client_reference_id"] == str(reader.pk)
    assert sent["metadata[user_id]"] == str(reader.pk)
    assert sent["subscription_data[metadata][user_id]"] == str(reader.pk)
    assert sent["customer_email"] == "rania@example.org"
    assert sent["success_url"] == "https://journal.example/abonnement/merci/"
    assert sent["cancel_url"] == "https://journal.example/abonnement/"


def test_returning_subscriber_is_the_same_stripe_customer(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.STRIPE,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.EXPIRED,
        stripe_customer_id=STRIPE_CUSTOMER,
        stripe_subscription_id="sub_earlier",
        ended_at=timezone.now() - timedelta(days=40),
    )
    stripe_api.answer("POST", "/v1/checkout/sessions", "checkout_session_created")
    client.force_login(reader)

    client.post("/abonnement/paiement/", {"plan": "mensuel", "currency": "EUR"})

    sent = stripe_api.requests[-1].params
    assert sent["customer"] == STRIPE_CUSTOMER
    assert "customer_email" not in sent


def test_stripe_error_becomes_a_french_message_and_the_reader_stays(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    stripe_api.answer("POST", "/v1/checkout/sessions", "error_no_such_price", status=400)
    client.force_login(reader)

    answer = client.post(
        "/abonnement/paiement/", {"plan": "mensuel", "currency": "USD"}, follow=True
    )

    assert answer.redirect_chain == [("/abonnement/", 302)]
    assert messages_of(answer) == [
        "Le service de paiement n’a pas pu traiter votre demande. Rien n’a été débité : "
        "réessayez, ou contactez le Service abonnés si cela se reproduit."
    ]
    assert not Subscription.objects.exists()


def test_unknown_plan_or_currency_is_refused_with_what_to_do(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    client.force_login(reader)

    answer = client.post(
        "/abonnement/paiement/", {"plan": "mensuel", "currency": "JPY"}, follow=True
    )

    assert "Choisissez une offre et une devise" in messages_of(answer)[0]
    assert stripe_api.requests == []


def test_anonymous_reader_cannot_start_a_payment(client, home, monthly):
    answer = client.post("/abonnement/paiement/", {"plan": "mensuel", "currency": "USD"})

    assert answer.status_code == 302
    assert answer["Location"].startswith("/compte/connexion/")


def test_a_subscriber_is_not_sent_to_pay_twice(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.MANUAL,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=20),
    )
    client.force_login(reader)

    answer = client.post(
        "/abonnement/paiement/", {"plan": "mensuel", "currency": "USD"}, follow=True
    )

    assert "Vous êtes déjà abonné" in messages_of(answer)[0]
    assert stripe_api.requests == []


def card_subscription(reader, plan) -> Subscription:
    return Subscription.objects.create(
        user=reader,
        plan=plan,
        source=Subscription.Source.STRIPE,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=30),
        stripe_customer_id=STRIPE_CUSTOMER,
        stripe_subscription_id="sub_1TkQuotidienMens01",
    )


def test_change_card_opens_stripes_customer_portal(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    subscription = card_subscription(reader, monthly)
    stripe_api.answer("POST", "/v1/billing_portal/sessions", "billing_portal_session_created")
    client.force_login(reader)

    answer = client.post("/compte/abonnement/carte/", {"subscription": subscription.pk})

    assert answer.status_code == 302
    assert answer["Location"].startswith("https://billing.stripe.com/p/session/")
    sent = stripe_api.requests[-1].params
    assert sent == {
        "customer": STRIPE_CUSTOMER,
        "return_url": "http://127.0.0.1:8000/compte/abonnement/",
        "locale": "fr",
    }


def test_portal_not_set_up_at_stripe_is_told_in_french(
    client, home, stripe_keys, stripe_api, reader, monthly
):
    subscription = card_subscription(reader, monthly)
    stripe_api.answer(
        "POST", "/v1/billing_portal/sessions", "error_portal_not_configured", status=400
    )
    client.force_login(reader)

    answer = client.post(
        "/compte/abonnement/carte/", {"subscription": subscription.pk}, follow=True
    )

    assert answer.redirect_chain == [("/compte/abonnement/", 302)]
    assert "Rien n’a été débité" in messages_of(answer)[0]


def test_every_stripe_call_goes_to_the_recorded_answers(stripe_keys, stripe_api, monkeypatch):
    assert payments.stripe_client()._requestor._client is stripe_api

    monkeypatch.setattr(payments, "HTTP_CLIENT", None)
    with pytest.raises(AssertionError, match="real HTTP client"):
        payments.stripe_client()


def test_connection_failure_is_told_as_a_retry_later(stripe_keys, stripe_api, monkeypatch):
    def unreachable(*args, **kwargs):
        raise stripe.APIConnectionError("Could not connect to Stripe.")

    monkeypatch.setattr(stripe_api, "request", unreachable)

    with pytest.raises(Exception) as raised:
        payments.portal_url(
            subscription=Subscription(
                source=Subscription.Source.STRIPE, stripe_customer_id=STRIPE_CUSTOMER
            ),
            return_url="http://testserver/compte/abonnement/",
        )

    assert raised.value.code == "stripe_unavailable"
    assert "réessayez dans quelques minutes" in raised.value.messages[0]
