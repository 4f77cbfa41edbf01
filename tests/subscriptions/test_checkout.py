"""Subscribing by card: the offers page, Stripe Checkout and the Customer Portal, with
Stripe's recorded answers."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.subscriptions import payments
from quotidien.subscriptions.models import Subscription

from .conftest import MONTHLY_USD_PRICE, STRIPE_CUSTOMER, messages_of
from .running import subscribe

OFFER = "//li[contains(concat(' ', @class, ' '), ' offer ')]"


def offers_of(client, path="/abonnement/") -> dict[str, lxml_html.HtmlElement]:
    """Each plan's box on the offers page, by its name."""
    document = lxml_html.fromstring(client.get(path).content.decode())
    return {box.xpath("string(.//h2)").strip(): box for box in document.xpath(OFFER)}


def text(element) -> str:
    """What the reader reads of `element`, its no-break spaces kept."""
    return re.sub(r"[ \t\n]+", " ", element.text_content()).strip()


def test_offers_show_one_price_in_the_readers_currency_and_the_others_smaller(
    client, home, monthly, annual
):
    offers = offers_of(client)

    assert list(offers) == ["Mensuel", "Annuel"]
    (price,) = offers["Mensuel"].find_class("offer__price")
    # Dollars unless the reader paid in another currency before: the others come after.
    assert text(price) == "10\u00a0USD par mois ou 9\u00a0EUR · 900\u00a0000\u00a0LBP"
    assert text(price.find("strong")) == "10\u00a0USD"
    assert text(price.find("small")) == "ou 9\u00a0EUR · 900\u00a0000\u00a0LBP"
    assert text(offers["Annuel"].find_class("offer__price")[0]) == "100\u00a0USD par an"


def test_a_reader_who_paid_in_euros_sees_euros_first(client, home, reader, monthly):
    earlier = subscribe(reader, monthly, days=-10, status=Subscription.Status.EXPIRED)
    Subscription.objects.filter(pk=earlier.pk).update(currency="EUR")
    client.force_login(reader)

    (price,) = offers_of(client)["Mensuel"].find_class("offer__price")

    assert text(price) == "9\u00a0EUR par mois ou 900\u00a0000\u00a0LBP · 10\u00a0USD"


def test_anonymous_reader_chooses_a_plan_then_logs_in_and_comes_back_to_it(
    client, home, monthly, annual
):
    offers = offers_of(client)
    (choose,) = offers["Annuel"].xpath(".//a[contains(@class, 'button')]")
    assert text(choose) == "Choisir cette offre"
    assert choose.get("href") == "/abonnement/offre/annuel/"
    page = client.get(choose.get("href")).content.decode()

    assert "Annuel" in page and "100\u00a0USD" in page and "Mensuel" not in page
    assert 'href="/compte/connexion/?next=/abonnement/offre/annuel/"' in page
    assert 'href="/compte/inscription/?next=/abonnement/offre/annuel/"' in page
    # No form, no CSRF token: the page cache may keep these pages for every anonymous reader.
    assert "csrfmiddlewaretoken" not in page + client.get("/abonnement/").content.decode()
    unknown = client.get("/abonnement/offre/inconnue/")
    assert unknown.status_code == 404
    assert "Cette offre n’est pas proposée" in unknown.content.decode()
    assert 'href="/abonnement/">Voir nos offres' in unknown.content.decode()


def test_logged_in_reader_gets_one_button_per_plan_and_chooses_the_currency_charged(
    client, home, stripe_keys, reader, monthly, annual
):
    client.force_login(reader)

    for path in ("/abonnement/", "/abonnement/offre/mensuel/"):
        (form,) = offers_of(client, path)["Mensuel"].xpath(".//form")
        assert form.get("action") == "/abonnement/paiement/" and form.get("method") == "post"
        assert [text(button) for button in form.xpath(".//button")] == ["Choisir cette offre"]
        assert form.xpath(".//input[@name='plan']/@value") == ["mensuel"]
        (currency,) = form.xpath(".//select[@name='currency']")
        assert currency.value == "USD"
        assert currency.value_options == ["USD", "EUR", "LBP"]
        assert "Votre carte est débitée dans la devise choisie" in text(form)
    # One currency payable by card: no choice to make, the line names it.
    (form,) = offers_of(client)["Annuel"].xpath(".//form")
    assert form.xpath(".//input[@name='currency']/@value") == ["USD"]
    assert "Votre carte est débitée en USD" in text(form)


def test_without_stripe_keys_each_plan_leads_to_a_request_form(
    client, home, settings, reader, monthly
):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(reader)
    document = lxml_html.fromstring(client.get("/abonnement/").content.decode())

    # The notice gives the Service abonnés' address, from the one setting (the contact
    # page's by default).
    (notice,) = document.find_class("offers__no-card")
    assert "abonnements@quotidien.example" in text(notice)
    assert notice.xpath(".//a/@href") == ["mailto:abonnements@quotidien.example"]
    (box,) = document.xpath(OFFER)
    assert not box.xpath(".//form")
    (choose,) = box.xpath(".//a[contains(@class, 'button')]")
    assert text(choose) == "Choisir cette offre"
    # No mail app needed: the plan's page asks how the reader will pay.
    assert choose.get("href") == "/abonnement/offre/mensuel/"


def test_the_service_abonnes_contact_is_a_setting(client, home, settings, monthly):
    settings.STRIPE_SECRET_KEY = ""
    settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL = "service@journal.example"
    settings.QUOTIDIEN_SUBSCRIPTIONS_PHONE = "+961 1 234 567"

    (notice,) = lxml_html.fromstring(client.get("/abonnement/").content).find_class(
        "offers__no-card"
    )

    assert notice.xpath(".//a/@href") == ["mailto:service@journal.example", "tel:+9611234567"]
    assert "+961 1 234 567" in text(notice)


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
    # Changing one's card: no word of subscribing otherwise.
    assert "par virement ou en espèces" not in raised.value.messages[0]


def test_a_reader_who_cannot_pay_by_card_now_is_told_of_the_other_way(
    client, home, stripe_keys, stripe_api, reader, monthly, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise stripe.APIConnectionError("Could not connect to Stripe.")

    monkeypatch.setattr(stripe_api, "request", unreachable)
    client.force_login(reader)

    answer = client.post(
        "/abonnement/paiement/", {"plan": "mensuel", "currency": "USD"}, follow=True
    )

    told = " ".join(answer.content.decode().split())
    assert "Rien n’a été débité" in told and "par virement ou en espèces" in told
