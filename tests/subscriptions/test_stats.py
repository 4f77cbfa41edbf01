"""Subscription figures on a small known set of subscribers, their page, and the CSV files
the Service abonnés opens in a spreadsheet."""

import csv
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quotidien.subscriptions import exports, stats
from quotidien.subscriptions.models import Plan, Price, Subscription

pytestmark = pytest.mark.django_db
Status = Subscription.Status


@pytest.fixture
def plans(db):
    monthly = Plan.objects.create(name="Mensuel", slug="m-stats", interval=Plan.Interval.MONTH)
    annual = Plan.objects.create(
        name="Annuel", slug="a-stats", interval=Plan.Interval.YEAR, sort_order=1
    )
    Price.objects.create(plan=monthly, currency="USD", amount=Decimal("10"))
    Price.objects.create(plan=annual, currency="USD", amount=Decimal("96"))
    return monthly, annual


def last_monday_noon():
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday(), weeks=1)
    return timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))


def subscribe(reader, plan, *, status=Status.ACTIVE, ago, until, currency="USD", **fields):
    now = timezone.now()
    return Subscription.objects.create(
        user=reader,
        plan=plan,
        status=status,
        source=Subscription.Source.MANUAL,
        currency=currency,
        amount=fields.pop("amount", Decimal("10")),
        started_at=fields.pop("started_at", None) or now - ago,
        current_period_end=now + until,
        **fields,
    )


@pytest.fixture
def known_set(plans, make_reader):
    """Six subscriptions whose figures are worked out by hand in the tests."""
    monthly, annual = plans
    days = timedelta(days=1)
    week_ago = last_monday_noon() + timedelta(days=1, hours=12)
    return {
        # started last week, renews: active, 10 USD a month
        "a": subscribe(make_reader(), monthly, ago=None, started_at=week_ago, until=27 * days),
        # annual, 96 USD: 8 USD a month
        "b": subscribe(make_reader(), annual, ago=20 * days, until=345 * days, amount=96),
        # annual, 90 EUR: 7.50 EUR a month; subscribed long before the 12 weeks
        "c": subscribe(
            make_reader(), annual, ago=200 * days, until=100 * days, amount=90, currency="EUR"
        ),
        # cancelled last week, still open: active, no longer recurring
        "d": subscribe(
            make_reader(),
            monthly,
            status=Status.CANCELLED,
            ago=40 * days,
            until=10 * days,
            currency="LBP",
            amount=900000,
            cancelled_at=last_monday_noon() + timedelta(hours=12),
            cancel_at_period_end=True,
        ),
        # expired five days ago
        "e": subscribe(
            make_reader(),
            monthly,
            status=Status.EXPIRED,
            ago=70 * days,
            until=-5 * days,
            ended_at=timezone.now() - 5 * days,
        ),
        # never paid: counts nowhere
        "f": subscribe(make_reader(), monthly, status=Status.INCOMPLETE, ago=2 * days, until=days),
    }


def test_active_subscribers_by_plan_include_cancelled_ones_still_open(plans, known_set):
    figures = {figure.plan.name: figure.active for figure in stats.active_by_plan()}

    assert figures == {"Mensuel": 2, "Annuel": 2}


def test_recurring_revenue_counts_a_twelfth_of_annual_plans_per_currency(plans, known_set):
    assert stats.monthly_recurring_revenue() == {
        "USD": Decimal("18.00"),
        "EUR": Decimal("7.50"),
    }


def test_weekly_figures_cover_twelve_weeks_the_current_one_last(plans, known_set):
    weeks = stats.weekly()

    assert len(weeks) == 12
    assert weeks[-1].start == timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert all(week.start.weekday() == 0 for week in weeks)
    assert (weeks[-2].new, weeks[-2].cancelled) == (1, 1)
    assert sum(week.new for week in weeks) == 4  # a, b, d, e; c is older, f never paid
    assert sum(week.cancelled for week in weeks) == 1


def test_churn_is_the_lost_over_those_active_at_the_start(plans, known_set):
    now = timezone.now()

    churn = stats.churn(start=now - timedelta(days=30), end=now)

    # c, d and e had access 30 days ago; d was cancelled and e expired since.
    assert (churn.active_at_start, churn.lost) == (3, 2)
    assert churn.rate == Decimal("66.7")


def test_churn_of_a_period_without_subscribers_has_no_rate(db):
    now = timezone.now()

    assert stats.churn(start=now - timedelta(days=30), end=now).rate is None


def test_statistics_page_shows_the_figures_and_the_formula(client, clerk, known_set):
    html = client.get(reverse("subscriptions_statistics")).content.decode()

    assert "Abonnés actifs par offre" in html
    assert "18.00" in html or "18,00" in html
    assert "7.50" in html or "7,50" in html
    assert "LBP" not in html.split("Revenu mensuel récurrent")[1].split("Attrition")[0]
    assert "÷ abonnés qui avaient accès au premier jour de la période" in html


def test_statistics_page_costs_the_same_queries_whatever_the_number_of_subscribers(
    client, clerk, plans, make_reader
):
    monthly, annual = plans

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("subscriptions_statistics")).status_code == 200
        return len(queries)

    subscribe(make_reader(), monthly, ago=timedelta(days=3), until=timedelta(days=20))
    before = count()
    for n in range(10):
        subscribe(make_reader(), annual, ago=timedelta(days=n * 9), until=timedelta(days=30))
    Plan.objects.create(name="Étudiant", slug="etudiant-stats")

    assert count() == before


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(exports.BOM.encode("utf-8"))
    return list(csv.reader(StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_subscribers_csv_has_a_header_and_no_formula(client, clerk, plans, make_reader):
    monthly, _annual = plans
    sneaky = make_reader('=HYPERLINK("http://evil.example")', email="rima@example.org")
    subscribe(sneaky, monthly, ago=timedelta(days=3), until=timedelta(days=20))

    response = client.get(reverse("abonnes:index"), {"export": "csv"})
    rows = read_csv(response)

    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:4] == ["Adresse e-mail", "Nom", "Offre", "État"]
    assert rows[1][:4] == [
        "rima@example.org",
        '\'=HYPERLINK("http://evil.example")',
        "Mensuel",
        "actif",
    ]
    assert len(rows) == 2


def test_subscribers_csv_keeps_the_list_filters(client, clerk, known_set):
    rows = read_csv(client.get(reverse("abonnes:index"), {"export": "csv", "status": "expired"}))

    assert [row[0] for row in rows[1:]] == [known_set["e"].user.email]


def test_weekly_csv_has_one_row_per_week(client, clerk, known_set):
    rows = read_csv(client.get(reverse("subscriptions_statistics"), {"export": "semaines"}))

    assert rows[0] == ["Semaine du", "au", "Nouveaux abonnements", "Résiliations"]
    assert len(rows) == 13
    assert rows[-2][2:] == ["1", "1"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Rima", "Rima"),
        (12, 12),
        (None, ""),
    ],
)
def test_cells_a_spreadsheet_would_run_are_kept_as_text(value, cell):
    assert exports.safe_cell(value) == cell
