""" "Mon abonnement": what the reader sees of their subscription, cancelling in one step
and reactivating."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import ModelLogEntry

from quotidien.french.dates import french_date
from quotidien.subscriptions import signals
from quotidien.subscriptions.models import Payment, Subscription
from tests.html_validation import validate_html

from .conftest import DAY, STRIPE_CUSTOMER, STRIPE_SUBSCRIPTION, messages_of

PERIOD_END = 31 * DAY


@pytest.fixture
def card_subscription(reader, monthly, recordings):
    """A card subscription as the recordings know it: paid a day ago, for a month."""
    subscription = Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.STRIPE,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.ACTIVE,
        started_at=recordings.at(0),
        current_period_end=recordings.at(PERIOD_END),
        stripe_customer_id=STRIPE_CUSTOMER,
        stripe_subscription_id=STRIPE_SUBSCRIPTION,
        stripe_state_at=recordings.at(4),
    )
    Payment.objects.create(
        subscription=subscription,
        amount=Decimal("10.00"),
        currency="USD",
        method=Payment.Method.CARD,
        paid_at=recordings.at(3),
        period_end=recordings.at(PERIOD_END),
        stripe_invoice_id="in_1TkQuotidienInv001",
        receipt_url="https://invoice.stripe.com/i/acct_1TkQuotidien/test_1TkQuotidienInv001?s=ap",
    )
    return subscription


def page_of(client, reader) -> str:
    client.force_login(reader)
    answer = client.get("/compte/abonnement/")
    assert answer.status_code == 200
    return answer.content.decode()


def test_reader_sees_plan_status_renewal_date_and_receipts(
    client, home, stripe_keys, reader, card_subscription
):
    page = page_of(client, reader)

    renewal = french_date(card_subscription.current_period_end)
    assert "Mensuel" in page
    assert "Actif" in page
    assert f"Prochain renouvellement</dt>\n    <dd>{renewal}" in page
    assert "Changer de carte" in page
    assert "Résilier mon abonnement" in page
    # Each button in a block of its form, which keeps a space under it.
    document = lxml_html.fromstring(page)
    for name in ("Résilier mon abonnement", "Changer de carte"):
        (button,) = document.xpath(f"//button[text()='{name}']")
        assert button.getparent().tag == "div" and button.getparent().getparent().tag == "form"
    assert f"vous gardez l’accès jusqu’au {renewal}" in page


def test_renewal_date_is_written_in_french(client, home, reader, card_subscription):
    card_subscription.current_period_end = timezone.make_aware(
        timezone.datetime(2027, 2, 14, 12, 0)
    )
    card_subscription.save()

    assert "14 février 2027" in page_of(client, reader)


def test_reader_without_subscription_is_shown_the_offers(client, home, reader):
    page = page_of(client, reader)

    assert "Vous n’avez pas d’abonnement." in page
    assert 'href="/abonnement/"' in page


def test_my_subscription_asks_to_log_in(client, home):
    answer = client.get("/compte/abonnement/")

    assert answer.status_code == 302
    assert answer["Location"] == "/compte/connexion/?next=/compte/abonnement/"


def test_card_subscription_is_cancelled_in_one_step_and_access_stays_to_the_period_end(
    client,
    home,
    stripe_keys,
    stripe_api,
    reader,
    card_subscription,
    heard,
    django_capture_on_commit_callbacks,
):
    stripe_api.answer(
        "POST", f"/v1/subscriptions/{STRIPE_SUBSCRIPTION}", "subscription_cancelled_at_period_end"
    )
    client.force_login(reader)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/compte/abonnement/resilier/", {"subscription": card_subscription.pk}, follow=True
        )

    until = french_date(card_subscription.current_period_end)
    assert answer.redirect_chain == [("/compte/abonnement/", 302)]
    assert messages_of(answer) == [
        "Votre abonnement est résilié : vous ne serez plus débité. Vous gardez l’accès aux "
        f"articles réservés aux abonnés jusqu’au {until}."
    ]
    assert stripe_api.requests[-1].params == {"cancel_at_period_end": "true"}
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.CANCELLED
    assert card_subscription.cancel_at_period_end
    assert card_subscription.gives_access
    page = answer.content.decode()
    assert "Résilié" in page
    assert "Réactiver" in page
    assert "Résilier mon abonnement" not in page
    assert heard == [("changed", signals.CANCELLED, card_subscription.pk)]
    entry = ModelLogEntry.objects.for_instance(card_subscription).get()
    assert (entry.action, entry.user) == ("subscriptions.cancel", reader)


def test_cancelled_card_subscription_is_reactivated(
    client,
    home,
    stripe_keys,
    stripe_api,
    reader,
    card_subscription,
    heard,
    django_capture_on_commit_callbacks,
):
    Subscription.objects.filter(pk=card_subscription.pk).update(
        status=Subscription.Status.CANCELLED,
        cancel_at_period_end=True,
        cancelled_at=timezone.now() - timedelta(hours=2),
    )
    stripe_api.answer(
        "POST", f"/v1/subscriptions/{STRIPE_SUBSCRIPTION}", "subscription_reactivated"
    )
    client.force_login(reader)
    assert "Réactiver" in client.get("/compte/abonnement/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/compte/abonnement/reactiver/", {"subscription": card_subscription.pk}, follow=True
        )

    assert "Votre abonnement est réactivé" in messages_of(answer)[0]
    assert stripe_api.requests[-1].params == {"cancel_at_period_end": "false"}
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.ACTIVE
    assert not card_subscription.cancel_at_period_end
    assert card_subscription.cancelled_at is None
    assert "Résilier mon abonnement" in answer.content.decode()
    assert heard == [("changed", signals.REACTIVATED, card_subscription.pk)]


def test_cancel_refused_by_stripe_changes_nothing_and_says_so(
    client, home, stripe_keys, stripe_api, reader, card_subscription
):
    stripe_api.answer(
        "POST", f"/v1/subscriptions/{STRIPE_SUBSCRIPTION}", "error_no_such_price", status=400
    )
    client.force_login(reader)

    answer = client.post(
        "/compte/abonnement/resilier/", {"subscription": card_subscription.pk}, follow=True
    )

    assert "Rien n’a été débité" in messages_of(answer)[0]
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.ACTIVE


def test_reader_cannot_cancel_another_readers_subscription(
    client, home, stripe_keys, stripe_api, make_reader, card_subscription
):
    client.force_login(make_reader("Autre lecteur"))

    answer = client.post("/compte/abonnement/resilier/", {"subscription": card_subscription.pk})

    assert answer.status_code == 404
    assert stripe_api.requests == []


def test_manual_subscription_is_cancelled_by_the_reader_through_the_service(
    client, home, reader, monthly, heard, django_capture_on_commit_callbacks
):
    subscription = Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.MANUAL,
        currency="LBP",
        amount=Decimal("900000.00"),
        status=Subscription.Status.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=12),
    )
    page = page_of(client, reader)
    assert "Résilier mon abonnement" in page
    assert "Changer de carte" not in page
    # To extend it: the Service abonnés, and how to reach it.
    assert 'href="mailto:abonnements@quotidien.example"' in page

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/compte/abonnement/resilier/", {"subscription": subscription.pk}, follow=True
        )

    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert subscription.gives_access
    assert "Vous gardez l’accès" in messages_of(answer)[0]
    # What cancelling changes, said before; once cancelled, no word of extending it.
    assert "Vous ne comptez pas le prolonger ? Résiliez-le : le Service abonnés le saura" in page
    assert "Pour le prolonger" not in answer.content.decode()
    assert heard == [("changed", signals.CANCELLED, subscription.pk)]

    answer = client.post(
        "/compte/abonnement/reactiver/", {"subscription": subscription.pk}, follow=True
    )
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE


def test_manual_subscription_is_valid_until_a_date_and_never_debited(client, home, reader, monthly):
    subscription = Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.MANUAL,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.ACTIVE,
        current_period_end=timezone.make_aware(timezone.datetime(2027, 3, 7, 23, 59)),
    )
    page = page_of(client, reader)
    assert "Valable jusqu’au</dt>\n    <dd>7 mars 2027" in page
    assert "renouvellement" not in page and "débité" not in page
    assert "Pour le prolonger" in page

    answer = client.post(
        "/compte/abonnement/resilier/", {"subscription": subscription.pk}, follow=True
    )
    (said,) = messages_of(answer)
    assert "débité" not in said and "jusqu’au 7 mars 2027" in said
    assert "débité" not in answer.content.decode()
    assert "Accès jusqu’au</dt>\n    <dd>7 mars 2027" in answer.content.decode()
    answer = client.post(
        "/compte/abonnement/reactiver/", {"subscription": subscription.pk}, follow=True
    )
    (said,) = messages_of(answer)
    assert said == "Votre abonnement est réactivé : il reste valable jusqu’au 7 mars 2027."


def test_each_receipt_opens_as_a_page_of_its_reader_only(
    client, home, reader, card_subscription, make_reader
):
    payment = card_subscription.payments.get()
    page = lxml_html.fromstring(page_of(client, reader))
    (link,) = page.xpath("//table[contains(@class, 'receipts')]//a[text()='Voir le reçu']")
    assert link.get("href") == f"/compte/abonnement/recu/{payment.pk}/"
    receipt = client.get(link.get("href"))
    assert receipt.status_code == 200 and "private" in receipt["Cache-Control"]
    text = receipt.content.decode()
    assert f"Reçu n° {payment.pk}" in text and "Mensuel" in text and "rania@example.org" in text
    assert "10,00\u00a0USD" in text and "carte bancaire" in text
    # Stripe's own receipt, for a card payment.
    assert "https://invoice.stripe.com/i/acct_1TkQuotidien/test_1TkQuotidienInv001" in text
    assert not validate_html({"reçu": text})["reçu"]
    client.force_login(make_reader())
    assert client.get(link.get("href")).status_code == 404


def test_expired_subscription_offers_to_subscribe_again(client, home, reader, monthly):
    Subscription.objects.create(
        user=reader,
        plan=monthly,
        source=Subscription.Source.STRIPE,
        currency="USD",
        amount=Decimal("10.00"),
        status=Subscription.Status.EXPIRED,
        current_period_end=timezone.now() - timedelta(days=3),
        ended_at=timezone.now() - timedelta(days=3),
    )

    page = page_of(client, reader)

    assert "Expiré" in page
    assert "Se réabonner" in page
    assert "Résilier mon abonnement" not in page
    assert "Réactiver" not in page


@pytest.mark.html_checker
def test_subscription_pages_are_valid_html(
    client, home, stripe_keys, reader, card_subscription, annual, make_reader
):
    anonymous = {
        "offres": client.get("/abonnement/"),
        "offre choisie": client.get("/abonnement/offre/annuel/"),
    }
    not_yet = client.__class__()
    not_yet.force_login(make_reader())
    client.force_login(reader)
    pages = {
        **anonymous,
        "offres, lecteur": not_yet.get("/abonnement/"),
        "offre choisie, lecteur": not_yet.get("/abonnement/offre/mensuel/"),
        "offres, abonné": client.get("/abonnement/"),
        "mon abonnement": client.get("/compte/abonnement/"),
        "merci": client.get("/abonnement/merci/"),
    }
    html = {name: response.content.decode() for name, response in pages.items()}

    errors = validate_html(html)

    invalid = {page: found for page, found in errors.items() if found}
    assert not invalid, "\n".join(f"{page}:\n  " + "\n  ".join(e) for page, e in invalid.items())


def test_my_subscription_reads_a_fixed_number_of_queries_whatever_the_receipts(
    client, home, reader, card_subscription, django_assert_num_queries
):
    client.force_login(reader)
    client.get("/compte/abonnement/")
    with CaptureQueriesContext(connection) as one_receipt:
        client.get("/compte/abonnement/")
    for number in range(5):
        Payment.objects.create(
            subscription=card_subscription,
            amount=Decimal("10.00"),
            currency="USD",
            method=Payment.Method.CARD,
            stripe_invoice_id=f"in_more_{number}",
        )

    with django_assert_num_queries(len(one_receipt)):
        client.get("/compte/abonnement/")
