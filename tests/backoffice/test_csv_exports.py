"""The Service abonnés' CSV files open as they should in a French spreadsheet."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from quotidien.subscriptions import services
from quotidien.subscriptions.models import Plan, Price

pytestmark = pytest.mark.django_db


def test_subscribers_csv_is_written_for_a_french_spreadsheet(client, clerk, make_reader, settings):
    settings.TIME_ZONE = "Asia/Beirut"
    plan = Plan.objects.create(name="Mensuel", slug="mensuel", interval=Plan.Interval.MONTH)
    Price.objects.create(plan=plan, currency="EUR", amount=Decimal("11.00"))
    subscription = services.activate(
        user=make_reader("Élias Najjar"), plan=plan, currency="EUR", method="cash", by=clerk
    )
    started = datetime(2026, 12, 6, 16, 23, 25, 788776, tzinfo=UTC)
    type(subscription).objects.filter(pk=subscription.pk).update(started_at=started)

    response = client.get(reverse("abonnes:index"), {"export": "csv"})
    body = response.content

    assert body.startswith("\ufeff".encode())
    header, row = body.decode("utf-8-sig").splitlines()
    assert header.startswith("Adresse e-mail;Nom;Offre;État;")
    cells = row.split(";")
    assert cells[1] == "Élias Najjar"
    assert "11,00" in cells
    assert "06/12/2026 18:23" in cells
    # A date not set is an empty cell.
    assert cells[-1] == ""
