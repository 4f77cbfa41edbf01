"""Searching the archive through the API, as the site's search page does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.address import SITE_URL

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"


def titles(answer) -> list[str]:
    return [item["title"] for item in answer.json()["items"]]


def test_search_finds_words_in_any_form_with_marked_snippets(api_client, paper):
    answer = api_client.get(SEARCH, {"q": "ministre"})

    assert answer.status_code == 200
    assert titles(answer) == ["Sommet régional sur l’eau"]
    found = answer.json()
    item = found["items"][0]
    assert found["count"] == 1 and found["more"] is False
    assert "<mark>ministres</mark>" in item["snippet_html"]
    assert item["section"]["slug"] == "monde"
    assert item["url"].startswith(f"{SITE_URL}/")
    assert answer["Cache-Control"] == "public, max-age=60"


def test_search_filters_by_section_and_dates(api_client, paper, make_article):
    economie, monde = paper["sections"]["economie"], paper["sections"]["monde"]
    make_article(economie, "Le port de Beyrouth rouvre", age=timedelta(days=40))
    make_article(monde, "Le port de Lattaquié agrandi", age=timedelta(days=1))
    today = timezone.localdate()

    in_section = api_client.get(SEARCH, {"q": "port", "section": "economie"})
    recent = api_client.get(SEARCH, {"q": "port", "since": (today - timedelta(days=7)).isoformat()})

    assert titles(in_section) == ["Le port de Beyrouth rouvre"]
    assert titles(recent) == ["Le port de Lattaquié agrandi"]


def test_search_pages_keep_the_query(api_client, paper, make_article):
    for number in range(5):  # written in the order they were published
        make_article(
            paper["sections"]["monde"],
            f"Inondations, bilan {number}",
            age=timedelta(hours=9 - number),
        )

    first = api_client.get(SEARCH, {"q": "inondations", "order": "date", "limit": 2}).json()
    second = api_client.get(first["next"]).json()

    assert (first["count"], first["pages"], first["page"]) == (5, 3, 1)
    assert [item["title"] for item in first["items"]] == [
        "Inondations, bilan 4",
        "Inondations, bilan 3",
    ]
    assert "order=date" in first["next"] and "q=inondations" in first["next"]
    assert [item["title"] for item in second["items"]] == [
        "Inondations, bilan 2",
        "Inondations, bilan 1",
    ]
    assert second["previous"] is not None


@pytest.mark.parametrize(
    ("params", "target", "words"),
    [
        ({"q": "« »"}, "q", "Saisissez au moins un mot"),
        ({"q": "eau", "since": "2026-02-30"}, "since", "Date attendue"),
        # Not read as seconds since 1970.
        ({"q": "eau", "until": "0.0"}, "until", "Date attendue"),
        ({"q": "eau", "since": "2026-03-02", "until": "2026-03-01"}, "since", "précéder"),
        ({"q": "eau", "order": "hasard"}, "order", "Valeur non permise"),
    ],
)
def test_bad_search_gets_a_french_400_naming_the_parameter(
    api_client, paper, params, target, words
):
    answer = api_client.get(SEARCH, params)

    assert answer.status_code == 400
    detail = answer.json()["erreur"]["details"][0]
    assert detail["cible"] == target
    assert words in detail["message"]


def test_unknown_section_or_author_is_a_404(api_client, paper):
    section = api_client.get(SEARCH, {"q": "eau", "section": "sport"})
    author = api_client.get(SEARCH, {"q": "eau", "author": "personne"})

    assert section.status_code == author.status_code == 404
    assert "sport" in section.json()["erreur"]["message"]
