"""Snippets show where the reader's words are, marked, and nothing unsafe."""

import pytest

from quotidien.news.models import ArticlePage
from quotidien.search.analysis import terms
from quotidien.search.service import search_articles
from quotidien.search.snippets import snippet, teaser


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


@pytest.mark.django_db
def test_subscriber_only_article_shows_its_teaser_never_its_text(
    make_section, make_article, monkeypatch
):
    section = make_section("Économie")
    make_article(
        section,
        "Les banques et les dépôts",
        body=[
            ("paragraph", "<p>Les épargnants attendent toujours.</p>"),
            ("paragraph", "<p>Le plan secret de restructuration prévoit une décote.</p>"),
        ],
    )
    monkeypatch.setattr(ArticlePage, "is_subscriber_only", True, raising=False)

    [article] = search_articles(query="restructuration décote").articles

    assert article.search_snippet == "Les épargnants attendent toujours. …"
