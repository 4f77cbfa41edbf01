"""The header's search box leads to a page of matching articles."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanon(make_section, make_article):
    section = make_section("Liban")
    make_article(section, "Incendie de forêt dans le Chouf", standfirst="Les pompiers luttent.")
    make_article(section, "Récolte des olives à Hasbaya", standfirst="Une saison moyenne.")
    make_article(section, "Brouillon sur l’incendie", live=False)
    return section


def test_search_finds_live_articles_by_their_words(client, lebanon):
    response = client.get("/recherche/", {"q": "incendie"})
    html = response.content.decode()

    assert "Incendie de forêt dans le Chouf" in html
    assert "Récolte des olives" not in html
    assert "Brouillon" not in html


def test_empty_search_asks_for_words(client, lebanon):
    html = client.get("/recherche/", {"q": "  "}).content.decode()

    assert "Saisissez un ou plusieurs mots" in html


@pytest.mark.parametrize(
    "query", ['"incendie', "((", "-", "*", "incendie OR 1=1; DROP TABLE x", "NEAR(a b)", "é" * 150]
)
def test_odd_queries_never_break_the_page(client, lebanon, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200


def test_too_long_query_is_refused_in_french(client, lebanon):
    html = client.get("/recherche/", {"q": "mot " * 100}).content.decode()

    assert "Votre recherche est trop longue" in html


def test_query_of_only_signs_gets_a_french_hint(client, lebanon):
    html = client.get("/recherche/", {"q": "« ?! »"}).content.decode()

    assert "ne contient que des signes" in html
