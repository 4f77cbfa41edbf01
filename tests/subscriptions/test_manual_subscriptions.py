"""Manual subscriptions: the Service abonnés opens, extends, cancels and reactivates them;
readers cancel their own; each change is in the audit log and announced once committed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quotidien.news.newsroom import SUBSCRIBER_SERVICE
from quotidien.subscriptions import services, signals
from quotidien.subscriptions.models import Payment, Plan, Price, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(home, make_reader):
    user = make_reader("Maya K.", email="maya@quotidien.example")
    user.groups.add(Group.objects.get(name=SUBSCRIBER_SERVICE))
    return user


@pytest.fixture
def monthly(db):
    plan = Plan.objects.create(name="Mensuel", slug="mensuel-bo", interval=Plan.Interval.MONTH)
    Price.objects.create(plan=plan, currency="USD", amount=Decimal("10.00"))
    Price.objects.create(plan=plan, currency="LBP", amount=Decimal("900000.00"))
    return plan


@pytest.fixture
def annual(db):
    plan = Plan.objects.create(name="Annuel", slug="annuel-bo", interval=Plan.Interval.YEAR)
    Price.objects.create(plan=plan, currency="USD", amount=Decimal("96.00"))
    return plan


@pytest.fixture
def heard():
    """The signals sent, in order, as (name, kwargs)."""
    received = []

    def changed(sender, subscription, change, user, **kwargs):
        received.append(("changed", change, subscription.pk, user))

    def paid(sender, payment, **kwargs):
        received.append(("paid", payment.amount, payment.method))

    signals.subscription_changed.connect(changed, weak=False)
    signals.payment_received.connect(paid, weak=False)
    yield received
    signals.subscription_changed.disconnect(changed)
    signals.payment_received.disconnect(paid)


def actions(subscription) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(subscription)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_activation_opens_access_for_periods_of_the_plan_and_records_the_payment(
    clerk, make_reader, monthly, heard, django_capture_on_commit_callbacks
):
    reader = make_reader()

    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.activate(
            user=reader,
            plan=monthly,
            currency="USD",
            periods=3,
            method=Payment.Method.CASH,
            note="Payé au bureau de Hamra.",
            by=clerk,
        )

    assert subscription.gives_access
    assert subscription.source == Subscription.Source.MANUAL
    assert subscription.amount == Decimal("10.00")
    days = (subscription.current_period_end - timezone.now()).days
    assert 88 <= days <= 92
    payment = subscription.payments.get()
    assert (payment.amount, payment.currency, payment.method) == (Decimal("30.00"), "USD", "cash")
    assert payment.period_end == subscription.current_period_end
    assert heard == [
        ("changed", signals.ACTIVATED, subscription.pk, clerk),
        ("paid", Decimal("30.00"), "cash"),
    ]
    assert actions(subscription) == [services.ACTIVATE, services.PAYMENT]
    entry = ModelLogEntry.objects.for_instance(subscription).get(action=services.ACTIVATE)
    assert entry.user == clerk
    assert entry.data["note"] == "Payé au bureau de Hamra."


def test_activation_up_to_a_date_gives_access_through_that_whole_day(clerk, make_reader, annual):
    reader = make_reader()
    day = timezone.localdate() + timedelta(days=40)

    subscription = services.activate(
        user=reader,
        plan=annual,
        currency="USD",
        amount=Decimal("80"),
        until=day,
        method=Payment.Method.TRANSFER,
        received=Decimal("80"),
        by=clerk,
    )

    end = timezone.localtime(subscription.current_period_end)
    assert (end.date(), end.hour, end.minute) == (day, 23, 59)
    assert subscription.amount == Decimal("80.00")
    assert subscription.payments.get().amount == Decimal("80.00")


def test_free_activation_records_no_payment(clerk, make_reader, monthly, heard):
    subscription = services.activate(
        user=make_reader(),
        plan=monthly,
        currency="USD",
        method=Payment.Method.OTHER,
        received=0,
        by=clerk,
    )

    assert not subscription.payments.exists()
    assert actions(subscription) == [services.ACTIVATE]


def test_reader_already_subscribed_is_refused_with_what_to_do(clerk, make_reader, monthly):
    reader = make_reader(email="rima@example.org")
    services.activate(user=reader, plan=monthly, currency="USD", method="cash", by=clerk)

    with pytest.raises(ValidationError) as error:
        services.activate(user=reader, plan=monthly, currency="USD", method="cash", by=clerk)

    assert error.value.code == "already_subscribed"
    assert "rima@example.org est déjà abonné" in error.value.messages[0]
    assert "prolongez" in error.value.messages[0]
    assert reader.subscriptions.count() == 1


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"currency": "EUR"}, "no_price", "n’a pas de prix en EUR"),
        ({"until": timezone.localdate() - timedelta(days=1)}, "past_end", "est passée"),
        ({"periods": 0}, "periods", "au moins 1"),
        ({"method": "card"}, "method", "Stripe"),
        ({"amount": Decimal("-5")}, "amount", "nombre positif"),
    ],
)
def test_bad_activation_says_what_to_do_and_stores_nothing(
    clerk, make_reader, monthly, fields, code, words
):
    reader = make_reader()
    arguments = {"user": reader, "plan": monthly, "currency": "USD", "method": "cash"}

    with pytest.raises(ValidationError) as error:
        services.activate(**{**arguments, **fields}, by=clerk)

    assert error.value.code == code
    assert words in error.value.messages[0]
    assert not Subscription.objects.exists()
    assert not Payment.objects.exists()


def test_a_journalist_cannot_activate_a_subscription(make_reader, monthly):
    journalist = make_reader(is_staff=True)

    with pytest.raises(PermissionDenied):
        services.activate(
            user=make_reader(), plan=monthly, currency="USD", method="cash", by=journalist
        )


def test_extension_by_periods_starts_from_the_current_end_and_records_the_payment(
    clerk, make_reader, monthly, heard, django_capture_on_commit_callbacks
):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="LBP", method="cash", by=clerk
    )
    first_end = subscription.current_period_end

    with django_capture_on_commit_callbacks(execute=True):
        services.extend(subscription=subscription, periods=2, method="transfer", by=clerk)

    subscription.refresh_from_db()
    assert 58 <= (subscription.current_period_end - first_end).days <= 62
    assert [p.amount for p in subscription.payments.order_by("pk")] == [
        Decimal("900000.00"),
        Decimal("1800000.00"),
    ]
    assert heard[-2:] == [
        ("changed", signals.EXTENDED, subscription.pk, clerk),
        ("paid", Decimal("1800000.00"), "transfer"),
    ]
    assert actions(subscription) == [
        services.ACTIVATE,
        services.PAYMENT,
        services.EXTEND,
        services.PAYMENT,
    ]


def test_extension_to_a_date_without_payment_is_a_gesture(clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )
    day = timezone.localdate() + timedelta(days=90)

    services.extend(subscription=subscription, until=day, note="Geste commercial.", by=clerk)

    subscription.refresh_from_db()
    assert timezone.localtime(subscription.current_period_end).date() == day
    assert subscription.payments.count() == 1


def test_extension_to_an_earlier_date_is_refused(clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", periods=3, method="cash", by=clerk
    )

    with pytest.raises(ValidationError) as error:
        services.extend(
            subscription=subscription, until=timezone.localdate() + timedelta(days=5), by=clerk
        )

    assert error.value.code == "not_later"
    assert "doit venir après" in error.value.messages[0]


def test_money_received_without_a_method_is_refused(clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )

    with pytest.raises(ValidationError) as error:
        services.extend(subscription=subscription, periods=1, received=Decimal("10"), by=clerk)

    assert error.value.code == "method"


def test_cancelled_subscription_stays_open_to_its_end_and_can_be_reactivated(
    clerk, make_reader, monthly, heard, django_capture_on_commit_callbacks
):
    reader = make_reader()
    subscription = services.activate(
        user=reader, plan=monthly, currency="USD", method="cash", by=clerk
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(subscription=subscription, by=clerk, note="Départ à l’étranger.")

    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert subscription.cancel_at_period_end
    assert Subscription.objects.giving_access().filter(user=reader).exists()
    with pytest.raises(ValidationError) as error:
        services.extend(subscription=subscription, periods=1, by=clerk)
    assert error.value.code == "cancelled"

    with django_capture_on_commit_callbacks(execute=True):
        services.reactivate(subscription=subscription, by=clerk, note="Finalement reste.")

    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert not subscription.cancel_at_period_end
    assert subscription.cancelled_at is None
    assert [entry[:2] for entry in heard] == [
        ("changed", signals.CANCELLED),
        ("changed", signals.REACTIVATED),
    ]
    assert actions(subscription)[-2:] == [services.CANCEL, services.REACTIVATE]


def test_reader_cancels_their_own_manual_subscription(
    clerk, make_reader, monthly, heard, django_capture_on_commit_callbacks
):
    reader = make_reader()
    subscription = services.activate(
        user=reader, plan=monthly, currency="USD", method="cash", by=clerk
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(subscription=subscription, by=reader)

    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    # The signals name no staff member: the reader did it.
    assert heard[-1] == ("changed", signals.CANCELLED, subscription.pk, None)
    entry = ModelLogEntry.objects.for_instance(subscription).get(action=services.CANCEL)
    assert entry.user == reader


def test_another_reader_cannot_cancel_a_subscription(clerk, make_reader, monthly):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )

    with pytest.raises(PermissionDenied):
        services.cancel(subscription=subscription, by=make_reader())


def test_card_subscription_is_cancelled_from_stripe_not_here(clerk, make_reader, monthly):
    subscription = Subscription.objects.create(
        user=make_reader(),
        plan=monthly,
        status=Subscription.Status.ACTIVE,
        source=Subscription.Source.STRIPE,
        currency="USD",
        amount=Decimal("10"),
        current_period_end=timezone.now() + timedelta(days=20),
        stripe_subscription_id="sub_123",
    )

    for call in (services.cancel, services.reactivate):
        with pytest.raises(ValidationError) as error:
            call(subscription=subscription, by=clerk)
        assert error.value.code == "stripe"
        assert "Mon abonnement" in error.value.messages[0]
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE


def test_cancelled_subscription_whose_period_is_over_cannot_be_reactivated(
    clerk, make_reader, monthly
):
    subscription = services.activate(
        user=make_reader(), plan=monthly, currency="USD", method="cash", by=clerk
    )
    services.cancel(subscription=subscription, by=clerk)
    Subscription.objects.filter(pk=subscription.pk).update(
        current_period_end=timezone.now() - timedelta(days=1)
    )

    with pytest.raises(ValidationError) as error:
        services.reactivate(subscription=subscription, by=clerk)

    assert error.value.code == "ended"
    assert "nouvel abonnement" in error.value.messages[0]


def test_nothing_is_announced_when_the_change_is_rolled_back(
    clerk, make_reader, monthly, heard, django_capture_on_commit_callbacks
):
    reader = make_reader()
    services.activate(user=reader, plan=monthly, currency="USD", method="cash", by=clerk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            services.activate(user=reader, plan=monthly, currency="USD", method="cash", by=clerk)

    assert callbacks == []


def test_month_end_moves_to_the_last_day_of_a_shorter_month():
    start = timezone.make_aware(timezone.datetime(2025, 1, 31, 10, 0))

    end = services.add_periods(start, interval=Plan.Interval.MONTH, periods=1)

    assert (end.year, end.month, end.day) == (2025, 2, 28)
    assert services.add_periods(start, interval=Plan.Interval.YEAR, periods=1).year == 2026
