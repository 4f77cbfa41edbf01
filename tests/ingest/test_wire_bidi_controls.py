"""A wire's headline and its other one-line texts keep no mark that overrides or isolates
the direction of writing (U+202A–U+202E, U+2066–U+2069): in a title, one turns the rest of
the line around on every page that lists it. The right-to-left and left-to-right marks
(U+200F, U+200E), which a headline mixing Arabic and French needs, stay."""

import json

import pytest

from quotidien.ingest.formats import read_wire
from quotidien.ingest.importer import WireImporter
from quotidien.ingest.models import ImportReportLine, WireItem
from quotidien.news.models import ArticlePage

Outcome = ImportReportLine.Outcome
HEADLINE = "Le slogan \u202e« حرية »\u202c\u200f repris à Tripoli"
SHOWN = "Le slogan « حرية »\u200f repris à Tripoli"


def ninjs() -> bytes:
    return json.dumps(
        {
            "uri": "urn:alp:direction",
            "headline": HEADLINE,
            "description_text": "Des manifestants reprennent un slogan.",
            "body_html": "<p>Premier paragraphe.</p>",
            "byline": "\u202eSami Frem",
            "keywords": ["\u2066Tripoli\u2069"],
            "subject": [{"code": "medtop:20000349", "name": "Transport\u202d"}],
        }
    ).encode()


def test_a_wire_headline_loses_direction_overrides_and_keeps_direction_marks(desk, alp, client):
    importer = WireImporter(source="direction.json", agency=alp)
    [result] = importer.import_bytes(ninjs(), source="direction.json")
    importer.finish()

    assert result.outcome == Outcome.CREATED, result.message
    item = WireItem.objects.get()
    article = item.article.specific
    assert article.title == SHOWN
    assert item.headline == SHOWN
    assert SHOWN in client.get(article.url).content.decode()


def test_the_other_one_line_texts_of_a_wire_lose_them_too():
    [story] = read_wire(ninjs(), source="direction.json")

    assert story.byline == "Sami Frem"
    assert story.keywords == ["Tripoli"]
    assert story.subjects[0].name == "Transport"


@pytest.mark.parametrize("field", ["title", "seo_title", "kicker"])
def test_a_title_written_with_direction_overrides_is_saved_without_them(
    home, make_section, make_article, field
):
    article = make_article(make_section("Liban"), "Un titre sans surprise")
    setattr(article, field, HEADLINE)

    article.full_clean()
    article.save()

    assert getattr(article, field) == SHOWN
    assert getattr(ArticlePage.objects.get(pk=article.pk), field) == SHOWN
