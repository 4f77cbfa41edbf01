"""Page numbers on the authors' addresses: the index, one list, sends `?page=N` to its own
address; an author's page, a numbered list, answers a page that is not one as a section
does."""

import pytest
from django.core.cache import caches
from django.test import Client

from quotidien.news.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def nadia(home):
    return Author.objects.create(name="Nadia Khoury", slug="nadia-khoury")


def test_the_authors_index_sends_a_page_number_to_its_own_address(nadia):
    client = Client()

    plain = client.get("/auteurs/?page=7")
    odd = client.get("/auteurs/?page=abc")
    tracked = client.get("/auteurs/?page=7&utm_source=lettre")

    assert (plain.status_code, plain["Location"]) == (301, "/auteurs/")
    assert (odd.status_code, odd["Location"]) == (301, "/auteurs/")
    assert (tracked.status_code, tracked["Location"]) == (301, "/auteurs/?utm_source=lettre")
    assert "Nadia Khoury" in client.get(plain["Location"]).content.decode()


def test_page_numbers_on_the_authors_index_keep_one_page_in_the_cache(nadia, settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    client = Client()

    assert client.get("/auteurs/").status_code == 200
    answers = [client.get(f"/auteurs/?page={number}") for number in range(2, 12)]

    assert {answer.status_code for answer in answers} == {301}
    kept = [key for key in caches["pages"].store.entries if ":page:" in key]
    assert len(kept) == 1


def test_an_author_page_answers_page_numbers_as_a_section_does(
    nadia, make_section, make_article, settings
):
    settings.QUOTIDIEN_PAGE_SIZE = 2
    section = make_section("Liban")
    for number in range(5):
        article = make_article(section, f"Jour {number}")
        article.authors.set([nadia])
        article.save_revision().publish()
    client = Client()

    def statuses(number: str) -> tuple[int, int]:
        return (
            client.get(section.url, {"page": number}).status_code,
            client.get("/auteurs/nadia-khoury/", {"page": number}).status_code,
        )

    # Three pages each: the last is there, the one after and those that are no number not.
    assert statuses("3") == (200, 200)
    for number in ("4", "1000000", "abc", "0", "-1"):
        assert statuses(number) == (404, 404), number
