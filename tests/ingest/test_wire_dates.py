"""An imported story keeps its agency's dates: an archive does not read as today's news."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from quotidien.ingest.importer import import_path
from quotidien.ingest.models import WireItem
from quotidien.news.queries import latest_ids

PORT_GUID = "urn:alp:2024:port-conteneurs-0412"
FESTIVAL_GUID = "urn:newsml:alp.example:20240504:festival-baalbek"


def ninjs_wire(folder: Path, **fields) -> Path:
    """A ninjs item of its own, with the given dates (or none)."""
    wire = folder / "archive.json"
    item = {"uri": "urn:alp:archive:2016-1206", "headline": "Tempête sur la côte", **fields}
    item["body_text"] = "La tempête a coupé la route côtière pendant la nuit."
    wire.write_text(json.dumps(item))
    return wire


def test_archive_item_keeps_its_dates_and_is_not_the_latest_news(
    desk, alp, tmp_path, make_article, client
):
    recent = make_article(desk["liban"], "Dernière heure")
    wire = ninjs_wire(
        tmp_path,
        firstcreated="2016-12-06T21:30:00+02:00",
        versioncreated="2016-12-07T08:00:00Z",
    )

    run = import_path(path=wire, agency=alp)

    article = WireItem.objects.get().article
    assert article.live
    assert article.first_published_at == datetime(2016, 12, 6, 19, 30, tzinfo=UTC)
    assert article.last_published_at == datetime(2016, 12, 7, 8, 0, tzinfo=UTC)
    assert "(publié, daté du 06/12/2016 21:30 selon l’agence)" in run.results[0].message
    assert latest_ids(2) == [recent.pk, article.pk]  # "En continu": below today's news
    html = client.get(article.url).content.decode()
    assert "6 décembre 2016 à 21 h 30" in html


def test_new_version_keeps_the_first_publication_date(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    import_path(path=wires / "ninjs1" / "alp-port-v2.json")

    article = WireItem.objects.get(guid=PORT_GUID).article
    assert article.first_published_at == datetime(2024, 5, 2, 6, 10, tzinfo=UTC)
    assert article.last_published_at == datetime(2024, 5, 2, 9, 40, tzinfo=UTC)
    assert article.was_updated


def test_newsml_first_created_is_kept(desk, wires):
    import_path(path=wires / "newsml" / "alp-festival.xml")

    article = WireItem.objects.get(guid=FESTIVAL_GUID).article
    assert article.first_published_at == datetime(2024, 5, 4, 5, 50, tzinfo=UTC)
    assert article.last_published_at == datetime(2024, 5, 4, 6, 45, tzinfo=UTC)


def test_newsml_first_created_in_the_future_gives_way_to_the_version_date(desk, wires):
    xml = wires / "newsml" / "alp-festival.xml"
    xml.write_text(xml.read_text().replace("2024-05-04T05:50:00Z", "2099-05-04T05:50:00Z"))

    run = import_path(path=xml)

    article = WireItem.objects.get(guid=FESTIVAL_GUID).article
    assert article.first_published_at == datetime(2024, 5, 4, 6, 45, tzinfo=UTC)
    created = next(result for result in run.results if result.article_id)
    assert "date de première version 04/05/2099 08:50 dans le futur" in created.message


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        ({}, "la dépêche ne donne pas de date"),
        (
            {"firstcreated": "2099-01-01T00:00:00Z", "versioncreated": "2099-01-02T00:00:00Z"},
            "date de première version 01/01/2099 02:00 dans le futur ; "
            "date de version 02/01/2099 02:00 dans le futur",
        ),
        ({"firstcreated": "1850-03-01T00:00:00Z"}, "date de première version 01/03/1850"),
    ],
    ids=["missing", "future", "before-1900"],
)
def test_item_without_a_believable_date_is_dated_by_its_import(desk, alp, tmp_path, dates, said):
    before = timezone.now()

    run = import_path(path=ninjs_wire(tmp_path, **dates), agency=alp)

    article = WireItem.objects.get().article
    assert article.live and article.first_published_at >= before
    assert f"daté de sa publication : {said}" in run.results[0].message
