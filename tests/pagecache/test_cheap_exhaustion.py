"""Random query strings and bogus session cookies neither miss the page cache nor fill it."""

from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from quotidien.news.images import NewsImage
from quotidien.subscriptions import gifts

pytestmark = pytest.mark.django_db


def mark(url, client=None, **headers):
    response = (client or Client()).get(url, headers=headers)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache")


def entries() -> int:
    return sum(1 for key in caches["pages"].store.entries if ":page:" in key)


def test_tracking_and_unknown_parameters_get_the_page_already_cached(paper):
    url = paper["article"].url
    assert mark(url) == "miss"

    for query in ("utm_source=lettre&utm_medium=email", "fbclid=abc", "gclid=1&_ga=2", "x=7"):
        assert mark(f"{url}?{query}") == "hit", query
    assert entries() == 1


def test_parameters_a_page_reads_still_make_their_own_pages(paper):
    section = paper["section"].url
    assert mark("/recherche/?q=barrage") == "miss"
    assert mark("/recherche/?q=barrage&utm_campaign=z&tri=") == "miss"  # tri is read
    assert mark("/recherche/?utm_campaign=y&q=barrage") == "hit"
    assert mark("/recherche/?q=qaraoun") == "miss"
    assert mark(section) == "miss" and mark(f"{section}?fbclid=1") == "hit"
    comments = paper["article"].url + "commentaires/"
    assert mark(comments) == "miss"
    assert mark(comments + "?ordre=anciens") == "miss"
    assert mark(comments + "?ordre=anciens&mc_cid=9") == "hit"


def test_a_gift_link_is_never_served_nor_stored_by_the_cache(paper):
    url = paper["article"].url
    mark(url)

    assert mark(f"{url}?cadeau={gifts._SIGNER.sign('404')}") is None
    assert entries() == 1


def test_a_made_up_gift_gets_the_page_already_cached(paper):
    url = paper["article"].url
    mark(url)

    answers = [mark(f"{path}?cadeau=pas-un-cadeau-{n}") for n in range(3) for path in ("/", url)]

    assert answers == ["miss", "hit"] + ["hit", "hit"] * 2
    assert entries() == 2


def test_a_session_cookie_that_names_no_session_gets_the_cached_page(paper):
    url = paper["article"].url
    assert mark(url, Cookie="sessionid=inventee1") == "miss"
    assert mark(url) == "hit"

    with CaptureQueriesContext(connection) as queries:
        for number in range(20):
            assert mark(url, Cookie=f"sessionid=inventee{number % 2}") == "hit"

    # One look-up per unknown key, then none: the cache remembers keys that name nothing.
    assert len(queries) <= 1


def test_a_real_session_still_bypasses_the_cache(paper, make_reader):
    url = paper["article"].url
    mark(url)
    reader = Client()
    reader.force_login(make_reader())

    assert mark(url, reader) is None


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile("immense.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_of_too_many_pixels_is_refused_at_upload(make_reader, home):
    desk = Client()
    desk.force_login(make_reader(is_staff=True, is_superuser=True))
    upload = png(11_000, 11_000)
    assert len(upload) < 100_000

    response = desk.post("/admin/images/add/", {"title": "Immense", "file": upload})

    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not NewsImage.objects.exists()
