"""One page, one entry: the spellings of an address that show the same page (a repeated
parameter, a page number written otherwise, the Host's port) find the page already cached
instead of each leaving a copy of their own."""

import pytest
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db


def get(url: str, **extra):
    return Client().get(url, **extra)


def warm(url: str, **extra):
    """The page at `url`, stored: read twice, as a cache that keeps only pages asked for
    again would need."""
    get(url, **extra)
    return get(url, **extra)


def entries() -> int:
    """How many pages the cache holds (the tests' cache lives in this process)."""
    return len(caches["pages"].store.entries)


@pytest.fixture
def listed(paper, make_article, settings):
    """A section of three pages of two articles."""
    settings.QUOTIDIEN_PAGE_SIZE = 2
    for number in range(4):
        make_article(paper["section"], f"Dépêche courte numéro {number}")
    return paper


def test_a_repeated_parameter_is_read_and_kept_as_its_last_value(listed):
    section = listed["section"].url
    warm(section + "?page=2")

    for query in ("page=2&page=2&page=2", "page=3&page=2", "page=x&page=2"):
        assert get(f"{section}?{query}")["X-Page-Cache"] == "hit", query


@pytest.mark.parametrize("spelling", ["0002", "+2", "%2B2", "%202", "002", "2%20"])
def test_a_page_number_written_otherwise_gets_the_page_of_that_number(listed, spelling):
    section = listed["section"].url
    second = warm(section + "?page=2")

    other = get(f"{section}?page={spelling}")

    assert other["X-Page-Cache"] == "hit"
    assert other.content == second.content


@pytest.mark.parametrize("spelling", ["1", "01", "", "+1"])
def test_the_first_page_has_one_entry_whatever_its_spelling(listed, spelling):
    section = listed["section"].url
    first = warm(section)
    before = entries()

    other = get(f"{section}?page={spelling}")

    assert other["X-Page-Cache"] == "hit"
    assert other.content == first.content
    assert entries() == before


def test_a_spelling_seen_first_renders_the_page_of_the_plain_address(listed):
    """The page stored for `?page=0001` is the one every reader of the plain address gets:
    it must be rendered as that address, not as the odd spelling."""
    section = listed["section"].url

    odd = warm(section + "?page=0001")
    plain = get(section)

    assert odd.status_code == 200 and plain["X-Page-Cache"] == "hit"
    assert "page=0001" not in plain.content.decode()
    assert 'href="?page=2"' in plain.content.decode()


def test_search_written_otherwise_gets_the_same_entry(paper):
    warm("/recherche/?q=barrage")

    for query in ("q=barrage&page=1", "q=orage&q=barrage", "q=barrage&page=", "page=01&q=barrage"):
        assert get(f"/recherche/?{query}")["X-Page-Cache"] == "hit", query


def test_page_numbers_that_are_none_still_get_a_404_and_no_entry(listed):
    section = listed["section"].url
    warm(section)
    before = entries()

    for junk in ("abc", "0", "-1", "99", "1.0", "2e0"):
        assert get(f"{section}?page={junk}").status_code == 404, junk

    assert entries() == before


def test_the_ports_of_the_host_header_share_the_page_and_none_shows_in_it(paper):
    article = paper["article"].url
    first = warm(article, HTTP_HOST="localhost:1")

    later = [get(article, HTTP_HOST=host) for host in ("localhost:2", "LOCALHOST", "localhost.")]

    assert [page["X-Page-Cache"] for page in later] == ["hit", "hit", "hit"]
    assert "localhost:1" not in first.content.decode()


def test_another_host_keeps_its_own_pages(paper):
    article = paper["article"].url
    warm(article, HTTP_HOST="localhost")

    assert get(article, HTTP_HOST="127.0.0.1")["X-Page-Cache"] == "miss"
