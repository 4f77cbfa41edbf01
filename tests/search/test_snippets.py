"""Snippets show where the reader's words are, marked, and nothing unsafe."""

import pytest

from quotidien.news.models import Access
from quotidien.search.analysis import terms
from quotidien.search.service import search_articles
from quotidien.search.snippets import marked, snippet, teaser


def test_snippet_marks_the_words_in_any_form_and_cuts_around_them():
    text = " ".join(["Mot"] * 50) + " Les hôpitaux de Tyr sont saturés. " + " ".join(["Fin"] * 50)

    html = snippet(text, terms("hopital saturé"))

    assert "<mark>hôpitaux</mark>" in html and "<mark>saturés</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html.split()) < 45


def test_snippet_is_escaped():
    text = 'Le <script>alert("x")</script> & le port'

    html = snippet(text, terms("port"))

    assert "<script" not in html and "</script>" not in html
    assert "&lt;/script&gt;" in html and "&amp;" in html
    assert "<mark>port</mark>" in html


def test_teaser_is_the_first_paragraph_cut():
    body = "Premier paragraphe, assez court.\n\nSecond paragraphe réservé aux abonnés."

    assert teaser(body) == "Premier paragraphe, assez court. …"
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
