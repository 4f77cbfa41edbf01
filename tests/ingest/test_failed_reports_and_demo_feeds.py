"""A report with failed items reads as failed; the demo's agencies have somewhere to file
their wires."""

import json

import pytest
from django.contrib.auth import get_user_model

from quotidien.demo.loader import load_agencies, read_content
from quotidien.ingest.importer import WireImporter
from quotidien.ingest.models import AgencyFeed, ImportReport
from quotidien.news.models import ArticlePage, HomePage


def wire(uri: str, headline: str = "Dépêche du jour") -> dict:
    return {"uri": uri, "headline": headline, "body_text": "Texte de la dépêche."}


def run_import(agency, items: list[dict]) -> ImportReport:
    run = WireImporter(source="envoi de test", agency=agency)
    run.import_bytes(json.dumps(items).encode(), source="envoi de test")
    run.finish()
    return ImportReport.objects.get(pk=run.report.pk)


def test_a_finished_report_with_failed_items_reads_as_failed(client, desk, alp):
    client.force_login(
        get_user_model().objects.create_superuser(username="rima", password="x-Secret-123")
    )
    report = run_import(alp, [wire("urn:alp:bon"), {"uri": "urn:alp:sans-titre"}])

    listing = client.get("/admin/snippets/ingest/importreport/").content.decode()
    inspect = client.get(f"/admin/snippets/ingest/importreport/inspect/{report.pk}/")

    assert (report.created, report.failed) == (1, 1)
    assert report.state == ImportReport.State.FAILED
    assert report.get_state_display() == "échoué (1 dépêche en échec)"
    assert "échoué (1 dépêche en échec)" in listing
    assert "terminé" not in listing
    assert "échoué (1 dépêche en échec)" in inspect.content.decode()


def test_a_report_without_failures_is_finished(desk, alp):
    report = run_import(alp, [wire("urn:alp:un"), wire("urn:alp:deux", "Autre dépêche")])

    assert report.get_state_display() == "terminé"


def test_the_count_of_failures_is_in_the_plural_past_one(desk, alp):
    report = run_import(alp, [{"uri": "urn:alp:a"}, {"uri": "urn:alp:b"}])

    assert report.get_state_display() == "échoué (2 dépêches en échec)"


@pytest.fixture
def demo_sections(home: HomePage, make_section) -> dict:
    """The demo's sections of the first level, as its loader publishes them."""
    newsroom, _articles = read_content()
    return {
        item["slug"]: make_section(item["title"], slug=item["slug"])
        for item in newsroom["sections"]
        if not item.get("parent")
    }


def test_every_demo_agency_files_unmapped_wires_in_a_section(db, demo_sections):
    newsroom, _articles = read_content()

    agencies = load_agencies(newsroom["agencies"], demo_sections)
    report = run_import(agencies["alp"], [wire("urn:alp:demo")])

    assert set(agencies) == {item["slug"] for item in newsroom["agencies"]}
    for agency in agencies.values():
        assert AgencyFeed.objects.get(agency=agency).default_section is not None
    assert (report.created, report.failed) == (1, 0)
    assert ArticlePage.objects.get().get_parent().specific.slug == "liban"


def test_loading_the_agencies_again_keeps_what_editors_chose(db, demo_sections):
    newsroom, _articles = read_content()
    agencies = load_agencies(newsroom["agencies"], demo_sections)
    AgencyFeed.objects.filter(agency=agencies["alp"]).update(
        default_section=demo_sections["monde"], active=False
    )

    load_agencies(newsroom["agencies"], demo_sections)

    feed = AgencyFeed.objects.get(agency=agencies["alp"])
    assert (feed.default_section.slug, feed.active) == ("monde", False)
