"""A search asked again is answered from what was kept, and never from what is out of date."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotidien.news.models import Access, ArticlePage
from quotidien.search.indexing import index_articles
from quotidien.search.models import NameVariants, SearchEntry
from quotidien.search.service import search_articles

pytestmark = pytest.mark.django_db


def titles(client, **params) -> str:
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def section(make_section):
    return make_section("Liban")


def test_a_search_asked_again_reads_nothing_of_the_index(client, section, make_article):
    make_article(section, "Coupures d’électricité à Saïda")
    titles(client, q="électricité")

    with CaptureQueriesContext(connection) as queries:
        html = titles(client, q="électricité")

    assert "Coupures d’électricité à Saïda" in html
    assert not [q for q in queries if "search_fts" in q["sql"] or "search_searchentry" in q["sql"]]


def test_an_article_published_after_a_search_is_found_by_the_same_search_at_once(
    client, section, make_article
):
    make_article(section, "Coupures d’électricité à Saïda")
    assert "Délestage" not in titles(client, q="électricité")
    assert [a.title for a in search_articles(query="électricité").articles] == [
        "Coupures d’électricité à Saïda"
    ]

    make_article(section, "Délestage et électricité rationnée à Tyr")

    assert "Délestage et électricité rationnée à Tyr" in titles(client, q="électricité")
    assert "2 résultats" in titles(client, q="électricité")
    assert [a.title for a in search_articles(query="électricité").articles] == [
        "Délestage et électricité rationnée à Tyr",
        "Coupures d’électricité à Saïda",
    ]


def test_an_unpublished_article_leaves_the_same_search_at_once(client, section, make_article):
    article = make_article(section, "Coupures d’électricité à Saïda")
    assert "Saïda" in titles(client, q="électricité")

    article.unpublish()

    assert "Saïda" not in titles(client, q="électricité")
    assert search_articles(query="électricité").articles == []


def test_an_article_indexed_again_outside_a_publication_shows_its_new_words(section, make_article):
    """As the worker does after a move, or a command after a bulk import."""
    article = make_article(section, "Coupures d’électricité à Saïda")
    assert search_articles(query="saïda").count == 1
    ArticlePage.objects.filter(pk=article.pk).update(title="Coupures d’électricité à Sour")

    index_articles(ids=[article.pk])

    assert search_articles(query="saïda").count == 0
    assert [a.title for a in search_articles(query="sour").articles] == [
        "Coupures d’électricité à Sour"
    ]


def test_a_name_variant_added_by_an_editor_counts_at_once(client, section, make_article):
    make_article(section, "Le port de Batroun rouvre")
    assert "Le port de Batroun rouvre" not in titles(client, q="Botrys")

    NameVariants.objects.create(name="Batroun", spellings="Botrys")

    assert "Le port de Batroun rouvre" in titles(client, q="Botrys")


def test_a_subscriber_article_kept_from_a_readers_search_never_shows_its_text(
    client, make_section, make_article
):
    section = make_section("Économie", access=Access.SUBSCRIBERS)
    make_article(
        section,
        "Les banques et les dépôts",
        standfirst="Les déposants attendent un plan.",
        body=[("paragraph", "<p>Le plan secret de restructuration prévoit une décote.</p>")],
    )
    editor = get_user_model().objects.create_superuser("redaction", "r@example.org", "x")
    client.force_login(editor)  # reads every article in full
    first = titles(client, q="plan décote")
    client.logout()

    second = titles(client, q="plan décote")

    for html in (first, second):
        assert "Les déposants attendent un <mark>plan</mark>." in html
        assert "secret" not in html and "décote</mark>" not in html


def test_results_deleted_from_the_index_with_their_article_are_gone(section, make_article):
    article = make_article(section, "Coupures d’électricité à Saïda")
    assert search_articles(query="saïda").count == 1

    article.delete()

    assert not SearchEntry.objects.exists()
    assert search_articles(query="saïda").count == 0


def test_the_most_recent_matches_are_found_however_far_back_they_go(
    section, make_article, monkeypatch
):
    """The index is read a period at a time, the next one as long as the pace of the
    matches found says: the matches kept are still the most recent of all."""
    monkeypatch.setattr("quotidien.search.backends.database.MAX_MATCHES", 2)
    for days in (3, 20, 50, 400, 3000):
        make_article(
            section, f"Pénurie de carburant, il y a {days} jours", age=timedelta(days=days)
        )

    results = search_articles(query="carburant", order="date")

    assert [article.title for article in results.articles] == [
        "Pénurie de carburant, il y a 3 jours",
        "Pénurie de carburant, il y a 20 jours",
    ]
    assert results.more
