"""Subscribers get one e-mail in French for each change that concerns them, and the daily
sweep reminds them before a period ends and expires the manual subscriptions that ended."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quotidien.news.management.commands import publish_scheduled_loop
from quotidien.subscriptions import signals
from quotidien.subscriptions.emails import french_date
from quotidien.subscriptions.models import Payment, Subscription

pytestmark = pytest.mark.django_db

SITE_TZ = ZoneInfo(settings.TIME_ZONE)
# Far enough ahead to stay a period still running whatever day the suite runs.
DECEMBER_12 = datetime(2036, 12, 12, 23, 59, 59, tzinfo=SITE_TZ)


@pytest.fixture
def reader(make_reader):
    return make_reader("Nour H.", email="nour@example.org")


@pytest.fixture
def subscribe(reader, monthly):
    """A subscription of the reader to the monthly plan, in dollars."""

    def make(*, source=Subscription.Source.STRIPE, **fields) -> Subscription:
        fields.setdefault("status", Subscription.Status.ACTIVE)
        fields.setdefault("current_period_end", DECEMBER_12)
        return Subscription.objects.create(
            user=reader,
            plan=monthly,
            source=source,
            currency="USD",
            amount=Decimal("10.00"),
            **fields,
        )

    return make


@pytest.fixture
def announce(django_capture_on_commit_callbacks):
    """Announce a change as the Stripe webhooks and the Service abonnés do, and commit."""

    def send(subscription: Subscription, change: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            signals.subscription_changed.send(
                sender=Subscription, subscription=subscription, change=change, user=None
            )

    return send


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """The daily sweep as the scheduler starts it, run to the end (tasks run at once here)."""

    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("subscription_reminders")

    return run


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_welcome_email_is_sent_once_when_a_subscription_is_activated(subscribe, announce):
    subscription = subscribe()

    announce(subscription, signals.ACTIVATED)

    [message] = mail.outbox
    assert message.to == ["nour@example.org"]
    assert message.subject == "Bienvenue parmi les abonnés de Quotidien"
    assert "Bonjour Nour H.," in message.body
    assert "Votre abonnement « Mensuel » est actif" in message.body
    assert "Il sera renouvelé le 12 décembre 2036 (10,00\xa0USD)" in message.body
    assert "http://127.0.0.1:8000/compte/abonnement/" in message.body
    assert 'href="http://127.0.0.1:8000/compte/abonnement/"' in html_of(message)


def test_receipt_says_amount_date_plan_and_links_stripes_receipt(
    subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe()
    payment = Payment.objects.create(
        subscription=subscription,
        amount=Decimal("10.00"),
        currency="USD",
        method=Payment.Method.CARD,
        paid_at=datetime(2036, 11, 12, 9, 30, tzinfo=SITE_TZ),
        period_end=DECEMBER_12,
        receipt_url="https://pay.stripe.com/receipts/acct_1/rcpt_1",
    )

    with django_capture_on_commit_callbacks(execute=True):
        signals.payment_received.send(sender=Payment, payment=payment)

    [message] = mail.outbox
    assert message.subject == "Votre reçu Quotidien : 10,00\xa0USD le 12 novembre 2036"
    for line in (
        "Montant : 10,00\xa0USD",
        "Date : 12 novembre 2036",
        "Offre : Mensuel",
        "Moyen de paiement : carte bancaire",
        "Période payée jusqu’au : 12 décembre 2036",
        "https://pay.stripe.com/receipts/acct_1/rcpt_1",
    ):
        assert line in message.body
    assert 'href="https://pay.stripe.com/receipts/acct_1/rcpt_1"' in html_of(message)


def test_receipt_of_a_cash_payment_in_pounds_has_no_online_receipt(
    subscribe, django_capture_on_commit_callbacks
):
    subscription = subscribe(source=Subscription.Source.MANUAL)
    payment = Payment.objects.create(
        subscription=subscription,
        amount=Decimal("900000"),
        currency="LBP",
        method=Payment.Method.CASH,
        paid_at=datetime(2036, 3, 1, 10, 0, tzinfo=SITE_TZ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        signals.payment_received.send(sender=Payment, payment=payment)

    [message] = mail.outbox
    assert "Montant : 900\xa0000\xa0LBP" in message.body
    assert "Date : 1er mars 2036" in message.body
    assert "Moyen de paiement : espèces" in message.body
    assert "reçu en ligne" not in message.body
    # Its own page on the site, to open or print.
    page = f"{settings.WAGTAILADMIN_BASE_URL}/compte/abonnement/recu/{payment.pk}/"
    assert f"Ce reçu sur le site : {page}" in message.body
    assert f'href="{page}"' in html_of(message)


def test_failed_payment_says_what_to_do_and_links_to_the_subscribers_page(subscribe, announce):
    subscription = subscribe(status=Subscription.Status.PAST_DUE)

    announce(subscription, signals.PAYMENT_FAILED)

    [message] = mail.outbox
    assert message.subject == "Votre paiement n’a pas abouti : votre abonnement est en attente"
    assert "Que faire ? Vérifiez votre carte ou enregistrez-en une autre" in message.body
    assert "http://127.0.0.1:8000/compte/abonnement/" in message.body
    assert 'href="http://127.0.0.1:8000/compte/abonnement/"' in html_of(message)


def test_cancellation_is_confirmed_with_the_day_access_ends(subscribe, announce):
    subscription = subscribe(
        status=Subscription.Status.CANCELLED,
        cancel_at_period_end=True,
        cancelled_at=timezone.now(),
    )

    announce(subscription, signals.CANCELLED)

    [message] = mail.outbox
    assert (
        message.subject == "Résiliation confirmée : vous lisez Quotidien jusqu’au 12 décembre 2036"
    )
    assert "Vous continuez à tout lire jusqu’au 12 décembre 2036" in message.body


def test_expiry_email_says_how_to_subscribe_again(subscribe, announce):
    subscription = subscribe(status=Subscription.Status.EXPIRED, ended_at=timezone.now())

    announce(subscription, signals.EXPIRED)

    [message] = mail.outbox
    assert message.subject == "Votre abonnement à Quotidien a pris fin"
    assert "Pour vous abonner de nouveau, choisissez une offre : " in message.body
    assert "http://127.0.0.1:8000/abonnement/" in message.body
    assert 'href="http://127.0.0.1:8000/abonnement/"' in html_of(message)


def test_renewals_and_reactivations_send_no_email_of_their_own(subscribe, announce):
    subscription = subscribe()

    for change in (signals.RENEWED, signals.REACTIVATED, signals.EXTENDED):
        announce(subscription, change)

    assert mail.outbox == []


def test_a_change_rolled_back_sends_nothing(subscribe, django_capture_on_commit_callbacks):
    subscription = subscribe()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            signals.subscription_changed.send(
                sender=Subscription,
                subscription=subscription,
                change=signals.ACTIVATED,
                user=None,
            )
            raise RuntimeError("the webhook failed after announcing")

    assert mail.outbox == []


def test_a_reader_without_an_address_gets_nothing_and_nothing_fails(subscribe, reader, announce):
    reader.email = ""
    reader.save()

    announce(subscribe(), signals.ACTIVATED)

    assert mail.outbox == []


def test_reminder_goes_seven_days_ahead_once_per_period(subscribe, sweep):
    card = subscribe(current_period_end=timezone.now() + timedelta(days=6, hours=20))
    later = subscribe(current_period_end=timezone.now() + timedelta(days=8))

    sweep()
    sweep()

    [message] = mail.outbox
    card.refresh_from_db()
    later.refresh_from_db()
    assert card.reminded_for == card.current_period_end
    assert later.reminded_for is None
    renewal_day = french_date(card.current_period_end)
    assert message.subject == f"Votre abonnement sera renouvelé le {renewal_day}"
    assert "10,00\xa0USD seront prélevés sur votre carte" in message.body


def test_the_next_period_gets_its_own_reminder(subscribe, sweep):
    subscription = subscribe(current_period_end=timezone.now() + timedelta(days=5))
    sweep()
    # Renewed: a new period, which ends within a week again (a short one, for the test).
    Subscription.objects.filter(pk=subscription.pk).update(
        current_period_end=timezone.now() + timedelta(days=6)
    )

    sweep()

    assert len(mail.outbox) == 2


def test_reminder_of_a_manual_subscription_says_it_ends_and_how_to_go_on(subscribe, sweep):
    subscription = subscribe(
        source=Subscription.Source.MANUAL,
        current_period_end=timezone.now() + timedelta(days=7) - timedelta(minutes=1),
    )

    sweep()

    [message] = mail.outbox
    end = french_date(subscription.current_period_end)
    assert message.subject == f"Votre abonnement prend fin le {end}"
    assert "réglez la période suivante auprès du service abonnés" in message.body
    assert "http://127.0.0.1:8000/abonnement/" in message.body


def test_cancelled_subscription_is_reminded_that_it_ends(subscribe, sweep):
    subscribe(
        status=Subscription.Status.CANCELLED,
        cancel_at_period_end=True,
        current_period_end=timezone.now() + timedelta(days=3),
    )

    sweep()

    [message] = mail.outbox
    assert "vous l’avez résilié, il ne sera pas renouvelé" in message.body


def test_failed_payments_and_ended_subscriptions_get_no_reminder(subscribe, sweep):
    soon = timezone.now() + timedelta(days=3)
    subscribe(status=Subscription.Status.PAST_DUE, current_period_end=soon)
    subscribe(status=Subscription.Status.EXPIRED, current_period_end=soon)

    sweep()

    assert mail.outbox == []


def test_sweep_expires_manual_subscriptions_whose_period_ended(subscribe, sweep):
    ended_at = timezone.now() - timedelta(hours=2)
    manual = subscribe(source=Subscription.Source.MANUAL, current_period_end=ended_at)
    running = subscribe(
        source=Subscription.Source.MANUAL, current_period_end=timezone.now() + timedelta(days=20)
    )
    # Stripe's webhooks expire card subscriptions, not the sweep.
    card = subscribe(current_period_end=ended_at)

    sweep()
    sweep()

    manual.refresh_from_db()
    running.refresh_from_db()
    card.refresh_from_db()
    assert (manual.status, manual.ended_at) == (Subscription.Status.EXPIRED, ended_at)
    assert running.status == card.status == Subscription.Status.ACTIVE
    [entry] = ModelLogEntry.objects.filter(action="subscriptions.expire")
    assert (entry.object_id, entry.user) == (str(manual.pk), None)
    [message] = mail.outbox
    assert message.subject == "Votre abonnement à Quotidien a pris fin"


def test_sweep_announces_the_expiry(subscribe, sweep, heard):
    manual = subscribe(
        source=Subscription.Source.MANUAL, current_period_end=timezone.now() - timedelta(1)
    )

    sweep()

    assert heard == [("changed", signals.EXPIRED, manual.pk)]


def test_scheduler_enqueues_the_sweep_once_a_day_from_the_morning(monkeypatch, subscribe):
    manual = subscribe(
        source=Subscription.Source.MANUAL, current_period_end=timezone.now() - timedelta(1)
    )
    loop = publish_scheduled_loop
    early = datetime(2036, 12, 12, 6, 0, tzinfo=SITE_TZ)
    morning = early.replace(hour=loop.SUBSCRIPTIONS_SWEEP_HOUR)

    monkeypatch.setattr(timezone, "localtime", lambda *args: early)
    assert loop.sweep_subscriptions_once_a_day(None) is None
    monkeypatch.setattr(timezone, "localtime", lambda *args: morning)
    swept_on = loop.sweep_subscriptions_once_a_day(None)
    monkeypatch.undo()

    assert swept_on == morning.date()
    manual.refresh_from_db()
    assert manual.status == Subscription.Status.EXPIRED
