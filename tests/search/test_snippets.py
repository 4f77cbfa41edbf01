"""Snippets show where the reader's words are, marked, and nothing unsafe."""

import pytest

from quotidien.news.models import Access
from quotidien.search.analysis import terms
from quotidien.search.query import parse_query
from quotidien.search.service import search_articles
from quotidien.search.snippets import marked, snippet, teaser


def test_snippet_marks_the_words_in_any_form_and_cuts_around_them():
    text = " ".join(["Mot"] * 50) + " Les hôpitaux de Tyr sont saturés. " + " ".join(["Fin"] * 50)

    html = snippet(text, terms("hopital saturé"))

    assert "<mark>hôpitaux</mark>" in html and "<mark>saturés</mark>" in html
    assert html.startswith("… ") and html.endswith("Fin…")
    assert len(html.split()) < 45


def test_snippet_is_escaped():
    text = 'Le <script>alert("x")</script> & le port'

    html = snippet(text, terms("port"))

    assert "<script" not in html and "</script>" not in html
    assert "&lt;/script&gt;" in html and "&amp;" in html
    assert "<mark>port</mark>" in html


def test_teaser_is_the_first_paragraph_cut():
    body = "Premier paragraphe, assez court.\n\nSecond paragraphe réservé aux abonnés."

    assert teaser(body) == "Premier paragraphe, assez court…"
    assert "abonnés" not in teaser(body)


def test_marked_keeps_the_whole_text_escaped_with_the_words_marked():
    html = marked("Les <b>ports</b> du Liban & de Syrie", terms("port"))

    assert html == "Les &lt;b&gt;<mark>ports</mark>&lt;/b&gt; du Liban &amp; de Syrie"


@pytest.mark.django_db
def test_subscriber_article_shows_its_standfirst_never_its_text(make_section, make_article):
    section = make_section("Économie", access=Access.SUBSCRIBERS)
    make_article(
        section,
        "Les banques et les dépôts",
        standfirst="Les déposants attendent un plan.",
        body=[
            ("paragraph", "<p>Les épargnants attendent toujours.</p>"),
            ("paragraph", "<p>Le plan secret de restructuration prévoit une décote.</p>"),
        ],
    )

    [article] = search_articles(query="plan restructuration décote").articles

    assert article.search_snippet == "Les déposants attendent un <mark>plan</mark>."


HARBOUR = (
    "Le premier porte-conteneurs accoste au port de Beyrouth, rouvert depuis lundi. "
    "Un quai, pas un port : le reste viendra. À Beyrouth, les portes du chantier restent "
    "ouvertes."
)


@pytest.mark.django_db
def test_a_phrase_is_marked_whole_where_it_stands_and_its_words_nowhere_else():
    html = snippet(HARBOUR, parse_query('"port de beyrouth"').terms)

    assert "<mark>port de Beyrouth</mark>" in html
    assert html.count("<mark>") == 1


@pytest.mark.django_db
def test_the_other_words_of_a_query_with_a_phrase_are_marked_wherever_they_stand():
    html = snippet(HARBOUR, parse_query('"port de beyrouth" quai').terms)

    assert "<mark>port de Beyrouth</mark>" in html and "<mark>quai</mark>" in html
    assert html.count("<mark>") == 2


@pytest.mark.django_db
def test_a_door_is_never_marked_for_a_harbour():
    html = snippet(HARBOUR, parse_query("port").terms)

    assert html.count("<mark>port</mark>") == 2
    assert "<mark>porte" not in html and "<mark>portes" not in html


@pytest.mark.django_db
def test_a_compound_is_marked_whole_and_its_parts_alone_are_not():
    html = marked(
        "Alep se reconstruit. Les quartiers d’Alep-Est attendent.", parse_query("Alep-Est").terms
    )

    assert html == "Alep se reconstruit. Les quartiers d’<mark>Alep-Est</mark> attendent."


@pytest.mark.django_db
def test_a_result_marks_the_phrase_searched_not_its_words_apart(make_section, make_article):
    make_article(
        make_section("Liban"),
        "Le port rouvre",
        standfirst="Un premier navire est attendu.",
        body=[
            ("paragraph", "<p>Le premier porte-conteneurs est arrivé. Un quai, pas un port.</p>"),
            ("paragraph", "<p>Les ouvriers du port de Beyrouth ont applaudi.</p>"),
        ],
    )

    [article] = search_articles(query='"port de beyrouth"').articles

    assert "<mark>port de Beyrouth</mark>" in article.search_snippet
    assert article.search_snippet.count("<mark>") == 1
