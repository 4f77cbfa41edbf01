"""A wire item as an editor reads it in the back office: French words, not Python's."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from quotidien.ingest.importer import import_path
from quotidien.ingest.models import AgencyFeed, ImportReport, WireItem


@pytest.fixture
def editor(client, home):
    user = get_user_model().objects.create_superuser(username="rima", password="x-Secret-123")
    client.force_login(user)
    return user


def test_a_wire_item_reads_in_french_with_local_times_and_a_link_to_its_article(
    client, editor, desk, alp, wires
):
    AgencyFeed.objects.filter(agency=alp).update(arrival=AgencyFeed.Arrival.DRAFT)
    import_path(path=wires / "newsml" / "alp-festival.xml")
    item = WireItem.objects.get()

    html = client.get(f"/admin/snippets/ingest/wireitem/inspect/{item.pk}/").content.decode()
    listing = client.get("/admin/snippets/ingest/wireitem/").content.decode()
    feeds = client.get("/admin/snippets/ingest/agencyfeed/").content.decode()

    values = re.findall(r"<dd[^>]*>\s*(.*?)\s*</dd>", html, re.S)
    assert {"None", "False", "True"}.isdisjoint(values)
    assert "Content hash" not in html and "&#x27;caption&#x27;" not in html
    assert "Empreinte du contenu" in html
    # 06:45 UTC, in Beirut (« 09:45 » or « à 9 h 45 », as the French formats say)
    assert re.search(r"4 mai 2024 (à )?0?9( h |:)45", html)
    assert "Des musiciens répètent sous les colonnes" in html and "ALP / Maya Salem" in html
    assert f'href="/admin/pages/{item.article_id}/edit/"' in html
    assert "False" not in listing and "Non" in listing
    assert "True" not in feeds and "Oui" in feeds


@pytest.mark.django_db
def test_a_report_is_named_by_its_start_in_the_papers_time_and_words():
    report = ImportReport.objects.create(source="alp-port-v1.json")
    ImportReport.objects.filter(pk=report.pk).update(
        started_at=datetime(2026, 12, 7, 14, 39, tzinfo=UTC)
    )
    report.refresh_from_db()

    # Beirut is three hours ahead of UTC in December.
    assert str(report) == "alp-port-v1.json — 7 décembre 2026 à 16 h 39"
