"""The back office's detail pages give times in the site's time zone and amounts in French."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from quotidien.corrections.models import ReplyRequest
from quotidien.subscriptions import services
from quotidien.subscriptions.models import Plan, Price

pytestmark = pytest.mark.django_db
# 16:10 in UTC is 18 h 10 in Beirut, in December.
RECEIVED = datetime(2026, 12, 6, 16, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def beirut(settings):
    settings.TIME_ZONE = "Asia/Beirut"


def test_right_of_reply_detail_gives_the_time_received_in_local_time(
    client, editor, make_section, make_article
):
    article = make_article(make_section("Liban"), "Le barrage de Qaraoun")
    request = ReplyRequest.objects.create(
        article=article,
        article_title=article.title,
        name="Élie Sfeir",
        email="elie@example.org",
        text="Je conteste les chiffres cités.",
        received_at=RECEIVED,
    )

    html = client.get(reverse("droits_de_reponse:inspect", args=[request.pk])).content.decode()

    assert "6 décembre 2026 à 18 h 10" in html
    assert "16:10" not in html


@pytest.fixture
def plan(db):
    plan = Plan.objects.create(name="Mensuel", slug="mensuel", interval=Plan.Interval.MONTH)
    Price.objects.create(plan=plan, currency="EUR", amount=Decimal("11.00"))
    Price.objects.create(plan=plan, currency="LBP", amount=Decimal("1075000.00"))
    return plan


def test_subscription_detail_gives_local_times_french_amounts_and_a_dash_for_none(
    client, clerk, plan, make_reader
):
    subscription = services.activate(
        user=make_reader("Rima K."),
        plan=plan,
        currency="EUR",
        periods=3,
        method="cash",
        by=clerk,
    )
    subscription.payments.update(paid_at=RECEIVED)
    type(subscription).objects.filter(pk=subscription.pk).update(started_at=RECEIVED)

    html = client.get(reverse("abonnes:inspect", args=[subscription.pk])).content.decode()

    assert "6 décembre 2026 à 18 h 10" in html
    assert "16:10" not in html
    assert re.search(r"<dt>Résilié le</dt>\s*<dd>\s*—\s*</dd>", html)
    assert "33.00" not in html
    assert "33,00\u00a0EUR" in html


def test_manual_subscription_page_groups_the_thousands_of_prices(client, clerk, plan):
    html = client.get(reverse("subscriptions_activate")).content.decode()

    assert "1\u00a0075\u00a0000\u00a0LBP" in html


def test_lists_give_moments_as_the_detail_pages_do(client, clerk, plan, make_reader):
    subscription = services.activate(
        user=make_reader("Rima K."), plan=plan, currency="EUR", periods=1, method="cash", by=clerk
    )
    type(subscription).objects.filter(pk=subscription.pk).update(current_period_end=RECEIVED)

    html = client.get(reverse("abonnes:index")).content.decode()

    assert "6 décembre 2026 à 18 h 10" in html
    assert "18:10" not in html
