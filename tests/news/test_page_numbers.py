"""`?page=N` is read by the pages that show a numbered list (sections, live coverage, an
article's comments); the others send it to their own address, so that no number makes
one more rendering of the same page."""

import pytest
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), "Les pêcheurs de Saïda rentrent au port")


def test_an_article_sends_a_page_number_to_its_own_address(article):
    client = Client()

    plain = client.get(f"{article.url}?page=7")
    tracked = client.get(f"{article.url}?page=7&utm_source=lettre")

    assert (plain.status_code, plain["Location"]) == (301, article.url)
    assert (tracked.status_code, tracked["Location"]) == (301, f"{article.url}?utm_source=lettre")


def test_the_front_page_sends_a_page_number_to_its_own_address(home):
    response = Client().get("/?page=3")

    assert (response.status_code, response["Location"]) == (301, "/")


def test_lists_still_read_their_page_numbers(article):
    client = Client()
    section = article.get_parent()

    assert client.get(f"{section.url}?page=1").status_code == 200
    assert client.get(f"{section.url}?page=9").status_code == 404
    assert client.get(f"{article.url}commentaires/?page=1").status_code == 200
    assert client.get(f"{article.url}commentaires/?page=9").status_code == 404


def test_page_numbers_on_an_article_keep_one_page_in_the_cache(article, settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    client = Client()

    client.get(article.url)
    answers = [client.get(f"{article.url}?page={number}") for number in range(2, 12)]

    assert {answer.status_code for answer in answers} == {301}
    kept = [key for key in caches["pages"].store.entries if ":page:" in key]
    assert len(kept) == 1


def test_a_page_past_the_end_of_a_list_says_so_and_leads_to_its_first_page(article):
    section = article.get_parent()

    response = Client().get(f"{section.url}?page=9")

    text = response.content.decode().replace("\u202f", " ")
    assert response.status_code == 404
    assert "Cette page de la liste n’existe pas" in text
    assert "L’article a peut-être été déplacé" not in text
    assert f'href="{section.url}"' in text


def test_a_missing_page_keeps_the_general_explanation(home):
    response = Client().get("/cette-adresse-n-existe-pas/")

    text = response.content.decode()
    assert response.status_code == 404
    assert "n’existe pas ou n’existe plus" in text
    assert "Cette page de la liste" not in text
