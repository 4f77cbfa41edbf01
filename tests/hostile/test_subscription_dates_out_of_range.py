"""Dates at the ends of the calendar in the Service abonnés' back office: the churn's period
and a subscription's end are refused in French, never a 500 from a date past year 9999."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quotidien.subscriptions import services
from quotidien.subscriptions.models import Plan, Price

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(clerk, make_reader):
    plan = Plan.objects.create(name="Annuel", slug="annuel-limites", interval=Plan.Interval.YEAR)
    Price.objects.create(plan=plan, currency="USD", amount=Decimal("100.00"))
    return services.activate(user=make_reader(), plan=plan, currency="USD", method="cash", by=clerk)


@pytest.mark.parametrize(
    "period", [("0001-01-01", "9999-12-31"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "")]
)
def test_a_churn_period_at_the_ends_of_the_calendar_is_refused_in_french(client, clerk, period):
    debut, fin = period

    page = client.get(reverse("subscriptions_statistics"), {"debut": debut, "fin": fin})

    assert page.status_code == 200
    assert "Choisissez une date entre" in page.content.decode()


def test_a_subscription_end_a_century_away_is_refused_and_cannot_be_pushed_past_9999(
    client, subscription
):
    extend = reverse("subscriptions_extend", args=[subscription.pk])
    end = subscription.current_period_end

    far = client.post(extend, {"until": "9999-12-31", "method": "", "note": ""})
    subscription.refresh_from_db()
    assert subscription.current_period_end == end
    assert "à plus de cent ans" in far.content.decode()

    # An end left so far away by an earlier version: more periods are refused, not a 500.
    subscription.current_period_end = end.replace(year=9999)
    subscription.save(update_fields=["current_period_end"])
    more = client.post(extend, {"periods": "120", "method": "", "note": ""})
    assert more.status_code == 200
    assert "à plus de cent ans" in more.content.decode()
