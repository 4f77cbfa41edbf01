"""Importing the sample wires: articles, revisions, embargoes, pictures, mappings and reports."""

import json
from datetime import UTC, datetime

import pytest
from wagtail.models import Revision

from quotidien.ingest.importer import WireImporter, import_path
from quotidien.ingest.models import AgencyFeed, ImportReport, ImportReportLine, WireItem
from quotidien.news.images import NewsImage
from quotidien.news.models import ArticlePage

Outcome = ImportReportLine.Outcome
PORT_GUID = "urn:alp:2024:port-conteneurs-0412"


def article_for(guid: str) -> ArticlePage:
    return WireItem.objects.get(guid=guid).article.specific


def test_ninjs_1_item_becomes_a_published_article_in_its_mapped_section(desk, alp, wires):
    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert [result.outcome for result in run.results] == [Outcome.CREATED]
    article = article_for(PORT_GUID)
    assert article.live
    assert article.title == (
        "Le port de Beyrouth rouvre son terminal à conteneurs après six mois de travaux"
    )
    assert article.standfirst.startswith("Les premiers navires ont accosté jeudi matin")
    assert article.get_parent().specific == desk["economie"]
    assert article.agency == alp
    assert sorted(tag.name for tag in article.tags.all()) == ["Port", "Transport maritime"]
    blocks = [(block.block_type, block.value) for block in article.body]
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
        "paragraph",
        "paragraph",
    ]
    assert blocks[1][1] == "Deux grues neuves"
    assert blocks[3][1]["attribution"] == "Un transitaire du quartier de la Quarantaine"
    link_paragraph = blocks[2][1].source
    assert '<a href="https://port.example/communique">le communiqué</a>' in link_paragraph
    assert "onclick" not in link_paragraph
    assert "alert" not in json.dumps(article.body.get_prep_value())


def test_imported_article_gets_the_ascii_address_the_back_office_would_give(desk, tmp_path):
    item = {
        "uri": "urn:alp:coeur",
        "headline": "Le cœur de l’économie bat au port",
        "copyrightholder": "ALP",
        "body_text": "Les quais ont repris vie.",
    }
    (path := tmp_path / "coeur.json").write_text(json.dumps(item))

    import_path(path=path)

    assert article_for("urn:alp:coeur").slug == "le-coeur-de-l-economie-bat-au-port"


def test_picture_next_to_the_item_becomes_the_lead_photo_with_caption_and_credit(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    photo = article_for(PORT_GUID).lead_image
    assert photo.caption == (
        "Un porte-conteneurs à quai au terminal rénové du port de Beyrouth, le 2 mai."
    )
    assert photo.credit == "ALP / Sami Frem"
    assert (photo.width, photo.height) == (64, 36)


def test_same_wire_imported_twice_changes_nothing(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")
    article = article_for(PORT_GUID)
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).count()

    again = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert [result.outcome for result in again.results] == [Outcome.UNCHANGED]
    assert ArticlePage.objects.count() == 1
    assert NewsImage.objects.count() == 1
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == revisions
    assert again.report.created == 0 and again.report.unchanged == 1


def test_newer_version_revises_the_same_article_and_keeps_its_history(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")
    first = article_for(PORT_GUID)

    run = import_path(path=wires / "ninjs1" / "alp-port-v2.json")

    assert [result.outcome for result in run.results] == [Outcome.UPDATED]
    assert ArticlePage.objects.count() == 1
    article = ArticlePage.objects.get(pk=first.pk)
    assert article.title == (
        "Port de Beyrouth : le terminal à conteneurs rouvert, trois navires déjà à quai"
    )
    assert article.live
    titles = [
        revision.content["title"]
        for revision in Revision.page_revisions.filter(object_id=str(article.pk)).order_by("pk")
    ]
    assert titles[0].startswith("Le port de Beyrouth rouvre")
    assert titles[-1].startswith("Port de Beyrouth : le terminal")
    assert WireItem.objects.get(guid=PORT_GUID).version == 2
    assert NewsImage.objects.count() == 1


def test_older_version_after_a_newer_one_is_ignored(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v2.json")

    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert run.results[0].outcome == Outcome.UNCHANGED
    assert "déjà importée ou dépassée" in run.results[0].message
    assert article_for(PORT_GUID).title.startswith("Port de Beyrouth : le terminal")


def test_folder_imports_every_format_and_a_second_run_creates_nothing(desk, wires):
    first = import_path(path=wires)
    created = ArticlePage.objects.count()

    second = import_path(path=wires)

    assert first.report.created == 4  # port, desalination, festival, elections
    assert first.report.updated == 1  # the port's version 2
    assert created == 4
    assert ArticlePage.objects.count() == created
    assert second.report.created == second.report.updated == 0
    assert second.report.unchanged == 5  # both versions of the port, and the three others
    assert first.report.failed == second.report.failed == 5  # the malformed samples


def test_embargoed_item_is_scheduled_not_published(desk, nws, wires):
    import_path(path=wires / "ninjs2" / "nws-desalination-embargo.json")

    article = article_for("https://wire.northwind.example/items/2024-0588")
    assert not article.live
    assert article.go_live_at == datetime(2099, 6, 1, 6, 0, tzinfo=UTC)
    scheduled = Revision.page_revisions.filter(object_id=str(article.pk)).latest("pk")
    assert scheduled.approved_go_live_at == datetime(2099, 6, 1, 6, 0, tzinfo=UTC)
    assert not ArticlePage.objects.live().filter(pk=article.pk).exists()


def test_embargo_already_lifted_publishes_at_once(desk, nws, wires):
    importer = WireImporter(source="test", now=datetime(2099, 7, 1, tzinfo=UTC))
    path = wires / "ninjs2" / "nws-desalination-embargo.json"
    importer.import_file(path)

    assert article_for("https://wire.northwind.example/items/2024-0588").live


def test_ninjs_2_item_reads_headlines_bodies_and_subject_uris(desk, nws, wires):
    run = import_path(path=wires / "ninjs2" / "nws-desalination-embargo.json")

    article = article_for("https://wire.northwind.example/items/2024-0588")
    assert article.title == "Coastal towns to share a solar-powered desalination plant"
    assert article.standfirst.startswith("Four municipalities on the northern coast signed")
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "subheading",
        "paragraph",
        "paragraph",
    ]
    assert article.get_parent().specific == desk["monde"]  # the feed's default section
    assert [tag.name for tag in article.tags.all()] == ["Eau"]  # mapped from the URI form
    assert article.agency == nws
    warning = run.results[0].warnings[0]
    assert "2024-0588-1-high.jpg" in warning and "absente" in warning


def test_missing_picture_keeps_caption_and_credit_with_the_wire(desk, nws, wires):
    import_path(path=wires / "ninjs2" / "nws-desalination-embargo.json")

    item = WireItem.objects.get(guid="https://wire.northwind.example/items/2024-0588")
    assert item.pictures[0]["caption"] == (
        "Solar panels on the roof of a pumping station near the coast."
    )
    assert item.pictures[0]["credit"] == "NWS / Lina Aziz"
    assert item.article.lead_image is None
    assert ImportReportLine.objects.filter(outcome=Outcome.WARNING, item__contains="2024-0588")


def test_newsml_message_links_its_picture_item_to_the_text(desk, alp, wires):
    import_path(path=wires / "newsml" / "alp-festival.xml")

    article = article_for("urn:newsml:alp.example:20240504:festival-baalbek")
    assert article.live
    assert article.get_parent().specific == desk["culture"]
    assert article.standfirst.startswith("Après deux éditions réduites")
    assert article.lead_image.credit == "ALP / Maya Salem"
    assert article.lead_image.caption.startswith("Des musiciens répètent sous les colonnes")
    quote = next(block.value for block in article.body if block.block_type == "quote")
    assert quote["attribution"] == "La directrice du festival"
    assert [tag.name for tag in article.tags.all()] == ["Festivals"]


def test_newsml_nitf_body_and_embargo_in_item_meta(desk, alp, wires):
    import_path(path=wires / "newsml" / "alp-elections-nitf.xml")

    article = article_for("urn:newsml:alp.example:20240505:municipales-zahle")
    assert not article.live and article.go_live_at.year == 2099
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
    ]
    assert article.standfirst.startswith("Une liste menée par des candidats")  # first paragraph
    assert [tag.name for tag in article.tags.all()] == ["Municipales 2024"]
    assert article.get_parent().specific == desk["liban"]
    assert WireItem.objects.get(article=article).version == 3


def test_draft_feed_keeps_imported_articles_as_drafts(desk, alp, wires):
    AgencyFeed.objects.filter(agency=alp).update(arrival=AgencyFeed.Arrival.DRAFT)

    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    article = article_for(PORT_GUID)
    assert not article.live and article.has_unpublished_changes
    assert "brouillon" in run.results[0].message
    assert ArticlePage.objects.live().count() == 0


def test_malformed_files_are_reported_by_name_and_the_batch_goes_on(desk, alp, wires):
    run = import_path(path=wires / "malformed", agency=alp)

    problems = {result.item.split(" ")[0]: result.message for result in run.results}
    assert run.report.failed == 5
    assert "Le fichier semble tronqué" in problems["truncated.json"]
    assert "Encodage invalide" in problems["latin1-as-utf8.json"]
    assert "UTF-8" in problems["latin1-undeclared.xml"]
    assert "entités" in problems["billion-laughs.xml"]
    assert "Titre absent" in problems["missing-headline.json"]
    assert ArticlePage.objects.count() == 0
    lines = ImportReportLine.objects.filter(report=run.report, outcome=Outcome.FAILED)
    assert lines.count() == 5


def test_a_bad_file_in_a_folder_does_not_stop_the_good_ones(desk, alp, wires):
    (wires / "ninjs1" / "zz-broken.json").write_text('{"uri": "x", "headline": ')

    run = import_path(path=wires / "ninjs1")

    outcomes = [result.outcome for result in run.results]
    assert outcomes == [Outcome.CREATED, Outcome.UPDATED, Outcome.FAILED]


def test_huge_file_is_refused_without_being_read(desk, alp, wires, settings):
    settings.QUOTIDIEN_WIRE_MAX_BYTES = 5_000_000
    huge = wires / "huge.json"
    with huge.open("wb") as handle:
        handle.write(b'{"uri": "urn:enorme", "headline": "Trop long", "body_text": "')
        handle.write(b"a" * 6_000_000)
        handle.write(b'"}')

    run = import_path(path=huge, agency=alp)

    assert run.results[0].outcome == Outcome.FAILED
    assert "Fichier trop volumineux : 6\xa0Mo pour 5\xa0Mo au plus" in run.results[0].message
    assert ArticlePage.objects.count() == 0


def test_failure_half_way_leaves_nothing_of_the_item(desk, alp, wires, monkeypatch):
    def broken_publish(self, *args, **kwargs):
        raise RuntimeError("panne de disque simulée")

    monkeypatch.setattr(Revision, "publish", broken_publish)
    media_before = NewsImage.objects.count()

    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert run.results[0].outcome == Outcome.FAILED
    assert "Erreur inattendue" in run.results[0].message
    assert ArticlePage.objects.count() == 0
    assert WireItem.objects.count() == 0
    assert NewsImage.objects.count() == media_before
    assert ImportReport.objects.get(pk=run.report.pk).failed == 1


def test_unknown_agency_is_reported_with_how_to_fix_it(desk, wires):
    data = json.loads((wires / "ninjs1" / "alp-port-v1.json").read_text())
    data["copyrightholder"] = "Agence Inconnue"
    (wires / "ninjs1" / "alp-port-v1.json").write_text(json.dumps(data))

    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert run.results[0].outcome == Outcome.FAILED
    assert "Agence inconnue" in run.results[0].message
    assert "--agency" in run.results[0].message


def test_story_without_any_section_is_refused_with_advice(home, alp, wires):
    run = import_path(path=wires / "ninjs1" / "alp-port-v1.json")

    assert run.results[0].outcome == Outcome.FAILED
    assert "Aucune rubrique pour cette dépêche" in run.results[0].message
    assert "medtop:20000349" in run.results[0].message
    assert ArticlePage.objects.count() == 0


def test_cancelled_item_takes_the_article_offline(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")
    data = json.loads((wires / "ninjs1" / "alp-port-v1.json").read_text())
    data.update(version="3", pubstatus="canceled")
    (wires / "kill.json").write_text(json.dumps(data))

    run = import_path(path=wires / "kill.json")

    assert run.results[0].outcome == Outcome.WITHDRAWN
    assert not article_for(PORT_GUID).live
    assert WireItem.objects.get(guid=PORT_GUID).withdrawn


def test_lone_picture_item_is_skipped_not_failed(desk, alp, tmp_path):
    wire = tmp_path / "photo.json"
    wire.write_text(json.dumps({"uri": "urn:photo:1", "type": "picture", "headline": "Photo"}))

    run = import_path(path=wire, agency=alp)

    assert run.results[0].outcome == Outcome.SKIPPED
    assert run.report.failed == 0


@pytest.mark.parametrize("field", ["embargoed", "versioncreated"])
def test_unreadable_date_is_a_clear_failure(desk, alp, tmp_path, field):
    wire = tmp_path / "date.json"
    item = {"uri": "urn:date:1", "headline": "Titre", "body_text": "Texte.", field: "demain"}
    wire.write_text(json.dumps(item))

    run = import_path(path=wire, agency=alp)

    assert run.results[0].outcome == Outcome.FAILED
    assert "« demain » n’est pas une date ISO 8601" in run.results[0].message


def test_overlong_identifier_is_refused_by_name(desk, alp, tmp_path):
    wire = tmp_path / "long.json"
    wire.write_text(json.dumps({"uri": "u" * 600, "headline": "Titre", "body_text": "Texte."}))

    run = import_path(path=wire, agency=alp)

    assert run.results[0].outcome == Outcome.FAILED
    assert "Identifiant trop long : 600 caractères, 500 au plus." in run.results[0].message


def test_new_version_of_an_article_editors_took_offline_waits_as_a_draft(desk, wires):
    import_path(path=wires / "ninjs1" / "alp-port-v1.json")
    article_for(PORT_GUID).unpublish()

    run = import_path(path=wires / "ninjs1" / "alp-port-v2.json")

    article = article_for(PORT_GUID)
    assert run.results[0].outcome == Outcome.UPDATED
    assert "brouillon à relire" in run.results[0].message
    assert not article.live and article.has_unpublished_changes
    assert article.get_latest_revision().content["title"].startswith("Port de Beyrouth : le")


def test_embargoed_story_revised_before_its_time_stays_scheduled(desk, alp, wires):
    import_path(path=wires / "newsml" / "alp-elections-nitf.xml")
    xml = (wires / "newsml" / "alp-elections-nitf.xml").read_text()
    (wires / "v4.xml").write_text(
        xml.replace('version="3"', 'version="4"').replace("bouscule le jeu", "rebat les cartes")
    )

    import_path(path=wires / "v4.xml")

    article = article_for("urn:newsml:alp.example:20240505:municipales-zahle")
    assert not article.live
    latest = article.get_latest_revision()
    assert latest.content["title"].endswith("rebat les cartes")
    assert latest.approved_go_live_at.year == 2099
