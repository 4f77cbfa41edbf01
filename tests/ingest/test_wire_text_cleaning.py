"""A wire's text keeps no control characters: the article it becomes, and every feed that
lists it, stay readable whatever the agency sent."""

import json

import feedparser
import pytest

from quotidien.ingest.formats import read_wire
from quotidien.ingest.importer import WireImporter
from quotidien.ingest.models import ImportReportLine, WireItem

Outcome = ImportReportLine.Outcome
BAD = "\x1b\x00\x85\ufffe\ud800"
G2 = "http://iptc.org/std/nar/2006-10-01/"


def ninjs(**fields) -> bytes:
    item = {
        "uri": "urn:alp:controle",
        "headline": f"Les convois{BAD} franchissent la frontière",
        "description_text": f"Des familles{BAD} sur la route.",
        "body_html": f"<p>Premier{BAD} paragraphe.</p><h2>Intertitre{BAD}</h2>"
        f"<blockquote>Citation{BAD}<cite>Un témoin{BAD}</cite></blockquote>",
        "byline": f"Sami{BAD} Frem",
        "keywords": [f"Réfugiés{BAD}"],
        "subject": [{"code": f"medtop:20000349{BAD}", "name": f"Transport{BAD}"}],
        **fields,
    }
    # ensure_ascii writes the NUL and the lone surrogate as \u escapes, as agencies do.
    return json.dumps(item).encode()


def test_a_wire_read_from_json_holds_no_control_characters():
    [story] = read_wire(ninjs(), source="controle.json")

    assert story.headline == "Les convois franchissent la frontière"
    assert story.standfirst == "Des familles sur la route."
    assert story.byline == "Sami Frem"
    assert story.keywords == ["Réfugiés"]
    assert story.subjects[0].code == "medtop:20000349"
    assert story.subjects[0].name == "Transport"
    text = json.dumps(story.blocks, ensure_ascii=False)
    assert not any(char in text for char in BAD)
    assert "Premier paragraphe." in text and "Un témoin" in text


def test_a_newsml_wire_with_c1_controls_is_cleaned():
    document = (
        f'<newsItem xmlns="{G2}" guid="urn:alp:g2-controle" version="1"><contentMeta>'
        "<headline>Le port&#x85; rouvre&#xFDD0;</headline></contentMeta><contentSet>"
        '<inlineData contenttype="text/plain">Texte&#x9F; du jour.</inlineData>'
        "</contentSet></newsItem>"
    ).encode()

    [story] = read_wire(document, source="controle.xml")

    assert story.headline == "Le port rouvre"
    assert story.blocks == [{"type": "paragraph", "value": "<p>Texte du jour.</p>"}]


def test_a_wire_with_control_characters_becomes_an_article_every_feed_lists(desk, alp, client):
    importer = WireImporter(source="controle.json", agency=alp)
    [result] = importer.import_bytes(ninjs(), source="controle.json")
    importer.finish()

    assert result.outcome == Outcome.CREATED, result.message
    article = WireItem.objects.get().article.specific
    assert article.title == "Les convois franchissent la frontière"
    assert article.standfirst == "Des familles sur la route."
    for url in ("/rss/", "/atom/", "/rss/economie/"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, url
        assert feed.entries[0].title == "Les convois franchissent la frontière"


@pytest.mark.parametrize("headline", ["\x1b\x00", "\u200b\ufffe "])
def test_a_headline_of_control_characters_only_is_a_missing_headline(headline):
    [error] = read_wire(ninjs(headline=headline), source="controle.json")

    assert "Titre absent" in error.message


def test_an_identifier_with_control_characters_is_refused_not_taken_for_another(desk, alp):
    importer = WireImporter(source="controle.json", agency=alp)
    [first] = importer.import_bytes(ninjs(uri="urn:alp:7"), source="controle.json")
    [other] = importer.import_bytes(
        ninjs(uri="urn:alp:7\x00", headline="Une autre dépêche", version="5"),
        source="controle.json",
    )
    importer.finish()

    assert first.outcome == Outcome.CREATED
    assert other.outcome == Outcome.FAILED
    assert "Identifiant illisible" in other.message
    assert WireItem.objects.get().article.title == "Les convois franchissent la frontière"


def test_a_newsml_identifier_with_control_characters_is_refused():
    document = (
        f'<newsItem xmlns="{G2}" guid="urn:alp:&#x9F;g2" version="1"><contentMeta>'
        "<headline>Le port rouvre</headline></contentMeta></newsItem>"
    ).encode()

    [error] = read_wire(document, source="controle.xml")

    assert "Identifiant illisible" in error.message
