"""Pages, feeds and the API go out compressed to browsers that take gzip; photos do not."""

import gzip

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}


def test_cached_page_goes_out_compressed_and_reads_the_same(paper):
    url = paper["article"].url
    plain = Client().get(url)

    packed = Client().get(url, headers=GZIP)

    assert packed["X-Page-Cache"] == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain


def test_each_representation_has_its_own_etag_and_its_own_304(paper):
    url = paper["article"].url
    plain_etag = Client().get(url)["ETag"]
    packed_etag = Client().get(url, headers=GZIP)["ETag"]

    again = Client().get(url, headers={**GZIP, "if-none-match": packed_etag})
    other = Client().get(url, headers={**GZIP, "if-none-match": plain_etag})

    assert packed_etag != plain_etag
    assert again.status_code == 304 and again["ETag"] == packed_etag
    assert other.status_code == 200 and other["Content-Encoding"] == "gzip"


def test_logged_in_reader_gets_their_own_page_compressed(paper, make_reader):
    client = Client()
    client.force_login(make_reader())

    response = client.get(paper["article"].url, headers=GZIP)

    assert "X-Page-Cache" not in response
    assert response["Content-Encoding"] == "gzip"
    assert "Le barrage de Qaraoun se remplit" in gzip.decompress(response.content).decode()


def test_feeds_are_compressed(paper):
    response = Client().get("/rss/", headers=GZIP)

    assert response["Content-Encoding"] == "gzip"
    assert b"<rss" in gzip.decompress(response.content)


def test_photos_are_not_compressed_again(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(4000))

    response = Client().get("/media/photo.jpg", headers=GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_photos_are_kept_by_browsers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(4000))

    response = Client().get("/media/photo.jpg")

    assert "max-age=2592000" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
