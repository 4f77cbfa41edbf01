"""An import stopped half way (a worker recycled, a command killed) leaves a report that
says so and counts what was committed before it stopped."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from quotidien.ingest import importer as importer_module
from quotidien.ingest.importer import WireImporter
from quotidien.ingest.models import ImportReport, WireItem


def items(count: int) -> bytes:
    return json.dumps(
        [
            {
                "uri": f"urn:alp:coupure-{number}",
                "headline": f"Dépêche {number}",
                "body_text": f"Texte de la dépêche {number}.",
            }
            for number in range(count)
        ]
    ).encode()


@pytest.fixture
def killed_on_third_item(monkeypatch):
    """The worker is stopped (SystemExit, as on a timeout) while it imports the third item."""
    real = importer_module.WireImporter._import_story
    calls = []

    def import_story(self, story, **kwargs):
        calls.append(story.guid)
        if len(calls) == 3:
            raise SystemExit(1)
        return real(self, story, **kwargs)

    monkeypatch.setattr(importer_module.WireImporter, "_import_story", import_story)


def test_an_interrupted_import_counts_the_items_it_committed(desk, alp, killed_on_third_item):
    run = WireImporter(source="API (test)", agency=alp)

    with pytest.raises(SystemExit):
        run.import_bytes(items(4), source="API (test)")

    report = ImportReport.objects.get(pk=run.report.pk)
    assert WireItem.objects.count() == 2
    assert report.created == 2
    assert report.finished_at is None
    assert report.lines.count() == 2


def test_a_report_without_an_end_and_quiet_for_long_is_interrupted(desk, alp, settings):
    settings.QUOTIDIEN_WIRE_IMPORT_STALE_MINUTES = 15
    run = WireImporter(source="API (test)", agency=alp)
    run.import_bytes(items(1), source="API (test)")
    report = ImportReport.objects.get(pk=run.report.pk)

    assert report.state == ImportReport.State.RUNNING
    ImportReport.objects.filter(pk=report.pk).update(
        last_activity_at=timezone.now() - timedelta(minutes=16)
    )
    report.refresh_from_db()
    assert report.state == ImportReport.State.INTERRUPTED
    assert report.get_state_display() == "interrompu"
    run.finish()
    report.refresh_from_db()
    assert report.state == ImportReport.State.FINISHED


def test_a_report_from_before_activity_was_kept_is_judged_by_its_start(desk, alp):
    report = ImportReport.objects.create(source="ancien")
    ImportReport.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - timedelta(hours=2), last_activity_at=None
    )
    report.refresh_from_db()

    assert report.state == ImportReport.State.INTERRUPTED


def test_the_back_office_shows_an_interrupted_report_as_such(client, desk, alp):
    user = get_user_model().objects.create_superuser(username="rima", password="x-Secret-123")
    client.force_login(user)
    run = WireImporter(source="import coupé", agency=alp)
    run.import_bytes(items(1), source="import coupé")
    ImportReport.objects.filter(pk=run.report.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=1)
    )

    listing = client.get("/admin/snippets/ingest/importreport/").content.decode()
    inspect = client.get(f"/admin/snippets/ingest/importreport/inspect/{run.report.pk}/")

    assert "interrompu" in listing
    assert "interrompu" in inspect.content.decode()
