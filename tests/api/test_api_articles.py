"""Reading articles and sections through the API."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.address import SITE_URL


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_list_shows_live_articles_newest_first_with_a_total(api_client, paper):
    response = api_client.get("/api/v1/articles/")

    assert response.status_code == 200
    assert titles(response) == [
        "Sommet régional sur l’eau",
        "Reprise des vols vers Alep",
        "La livre se stabilise",
        "Un ancien article",
    ]
    assert response.json()["count"] == 4


@pytest.mark.usefixtures("renditions")
def test_list_card_carries_section_kicker_byline_photo_and_tags(api_client, paper):
    card = api_client.get("/api/v1/articles/").json()["items"][0]

    assert card["section"]["slug"] == "monde"
    assert card["kicker"] == "Monde"
    assert card["url"].startswith(f"{SITE_URL}/") and card["url"].endswith("/")
    assert [author["name"] for author in card["authors"]] == ["Nadia Khoury"]
    assert card["agency"] == {"name": "Agence Levant Presse", "short_name": "ALP", "slug": "alp"}
    assert [tag["slug"] for tag in card["tags"]] == ["diplomatie", "eau"]
    assert card["lead_image"]["caption"] == "La corniche au coucher du soleil."
    assert card["lead_image"]["credit"] == "ALP / Sami Frem"
    assert card["lead_image"]["url"].startswith(f"{SITE_URL}/media/images/")
    assert card["lead_image"]["width"] == 320  # the card size, never upscaled past the original


def test_pages_link_to_each_other(api_client, paper):
    first = api_client.get("/api/v1/articles/?limit=2").json()
    second = api_client.get(first["next"].removeprefix(SITE_URL)).json()

    assert [item["title"] for item in second["items"]] == [
        "La livre se stabilise",
        "Un ancien article",
    ]
    assert second["next"] is None
    assert second["previous"] == f"{SITE_URL}/api/v1/articles/?limit=2&offset=0"
    assert first["previous"] is None


def test_section_filter_takes_a_slug_or_an_id_and_includes_subsections(api_client, paper):
    by_slug = api_client.get("/api/v1/articles/?section=monde")
    by_id = api_client.get(f"/api/v1/articles/?section={paper['sections']['syrie'].pk}")

    assert titles(by_slug) == ["Sommet régional sur l’eau", "Reprise des vols vers Alep"]
    assert titles(by_id) == ["Reprise des vols vers Alep"]


def test_tag_filter(api_client, paper):
    assert titles(api_client.get("/api/v1/articles/?tag=monnaie")) == ["La livre se stabilise"]


def test_date_filters_cover_whole_days(api_client, paper):
    # The days two articles came out, in the newsroom's time zone (a clock change between
    # then and now must not move them).
    since = timezone.localdate(paper["economie"].first_published_at).isoformat()
    until = timezone.localdate(paper["syrie"].first_published_at).isoformat()

    response = api_client.get(f"/api/v1/articles/?since={since}&until={until}")

    assert titles(response) == ["Reprise des vols vers Alep", "La livre se stabilise"]


@pytest.mark.parametrize(
    ("query", "message"),
    [("section=sport", "Aucune rubrique en ligne « sport »."), ("tag=inconnu", "Aucun mot-clé")],
)
def test_unknown_section_or_tag_is_a_french_404(api_client, paper, query, message):
    response = api_client.get(f"/api/v1/articles/?{query}")

    assert response.status_code == 404
    assert response.json()["erreur"]["code"] == "introuvable"
    assert message in response.json()["erreur"]["message"]


@pytest.mark.usefixtures("renditions")
def test_detail_gives_the_body_as_blocks_and_as_html(api_client, paper):
    response = api_client.get(f"/api/v1/articles/{paper['lead'].pk}/")

    article = response.json()
    assert response.status_code == 200
    assert article["standfirst"].startswith("Les ministres de cinq pays")
    blocks = article["body"]
    assert [block["type"] for block in blocks] == ["paragraph", "subheading", "quote", "photo"]
    assert blocks[0]["html"] == "<p>Les ministres se sont retrouvés <b>lundi</b>.</p>"
    assert blocks[1]["text"] == "Un accord en vue"
    assert blocks[2] == {
        "type": "quote",
        "id": blocks[2]["id"],
        "text": "Personne ne gagne seul.",
        "attribution": "Un négociateur",
    }
    assert blocks[3]["caption"] == "La corniche au coucher du soleil."
    assert blocks[3]["image"]["url"].startswith(f"{SITE_URL}/media/")
    assert '<h2 class="intertitre">Un accord en vue</h2>' in article["body_html"]
    assert f'src="{SITE_URL}/media/images/' in article["body_html"]
    assert article["lead_image"]["credit"] == "ALP / Sami Frem"
    assert article["section"]["title"] == "Monde"


@pytest.mark.parametrize("which", ["brouillon", "missing"])
def test_draft_or_missing_article_is_not_found(api_client, paper, which):
    number = paper["brouillon"].pk if which == "brouillon" else 999_999

    response = api_client.get(f"/api/v1/articles/{number}/")

    assert response.status_code == 404
    assert response.json()["erreur"]["message"] == (
        f"Aucun article publié ne porte le numéro {number}."
    )


def test_sections_list_the_tree_with_parents(api_client, paper):
    response = api_client.get("/api/v1/sections/")

    sections = {item["slug"]: item for item in response.json()["items"]}
    assert list(sections) == ["monde", "syrie", "economie"]
    assert sections["syrie"]["parent_id"] == sections["monde"]["id"]
    assert (sections["monde"]["level"], sections["syrie"]["level"]) == (1, 2)
    assert sections["economie"]["url"] == f"{SITE_URL}/economie/"


def test_list_queries_do_not_grow_with_the_page_size(api_client, paper, make_article):
    for number in range(12):
        make_article(
            paper["sections"]["economie"],
            f"Brève {number}",
            age=timedelta(days=10),
            tags=[f"Sujet {number}"],
        )
    api_client.get("/api/v1/articles/?limit=16")  # renditions made once, as in production

    with CaptureQueriesContext(connection) as small:
        api_client.get("/api/v1/articles/?limit=2")
    with CaptureQueriesContext(connection) as large:
        api_client.get("/api/v1/articles/?limit=16")

    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)
    assert len(small) <= 10


def test_read_also_block_names_a_live_article_and_hides_an_unpublished_one(
    api_client, paper, make_article
):
    article = make_article(
        paper["sections"]["monde"],
        "Les fleuves partagés, un enjeu ancien",
        body=[
            ("read_also", {"article": paper["syrie"]}),
            ("read_also", {"article": paper["brouillon"]}),
        ],
    )

    blocks = api_client.get(f"/api/v1/articles/{article.pk}/").json()["body"]

    assert [block["type"] for block in blocks] == ["read_also", "read_also"]
    assert blocks[0]["article"]["id"] == paper["syrie"].pk
    assert blocks[0]["article"]["title"] == "Reprise des vols vers Alep"
    assert blocks[0]["article"]["url"].startswith(f"{SITE_URL}/")
    assert blocks[1]["article"] is None
