"""A request body larger than the site reads is refused (413) before any of it is read:
on its Content-Length, or, sent in chunks, as soon as it passes the limit."""

import io

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from quotidien.corrections.models import DOCUMENT_MAX_BYTES
from quotidien.errors import RequestBodyLimitMiddleware, body_limit

GIB = 1 << 30


class Endless(io.RawIOBase):
    """A body that never ends, counting what was read of it."""

    read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.read_bytes += len(buffer)
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


def chunked(body, path="/droit-de-reponse/"):
    """A POST sent in chunks: the server gives no Content-Length."""
    return RequestFactory().generic(
        "POST",
        path,
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": body},
    )


def form_fields(request) -> HttpResponse:
    return HttpResponse(request.POST.get("texte", ""))


def test_the_limits_leave_room_for_the_largest_uploads():
    assert DOCUMENT_MAX_BYTES < body_limit("/droit-de-reponse/") < 20 * 1024 * 1024
    assert body_limit("/admin/images/multiple/add/") > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def test_a_declared_gibibyte_is_refused_in_french_before_it_is_read(client):
    # The test client's body is one byte: reading past it fails the test.
    response = client.post(
        "/droit-de-reponse/",
        data=b"x",
        content_type="multipart/form-data; boundary=limite",
        CONTENT_LENGTH=str(GIB),
    )

    html = response.content.decode()
    assert response.status_code == 413
    # In decimal units, as the forms write their limits.
    assert "1,1\xa0Go" in html and "8\xa0Mo au plus" in html
    assert "no-store" in response["Cache-Control"]


def test_the_api_refuses_it_in_its_own_error_shape(client):
    response = client.post(
        "/api/v1/depeches/", data=b"{}", content_type="application/json", CONTENT_LENGTH=str(GIB)
    )

    assert response.status_code == 413
    assert response.json()["erreur"]["code"] == "trop_volumineux"


def test_a_chunked_body_is_read_only_up_to_the_limit():
    body = Endless()
    response = RequestBodyLimitMiddleware(form_fields)(chunked(body))

    assert response.status_code == 413
    assert "8\xa0Mo" in response.content.decode()
    assert body.read_bytes <= body_limit("/droit-de-reponse/") + 64 * 1024


def test_a_chunked_body_within_the_limit_reaches_the_view():
    response = RequestBodyLimitMiddleware(form_fields)(chunked(io.BytesIO(b"texte=bonjour")))

    assert response.status_code == 200 and response.content == b"bonjour"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.REQUEST_BODY_MAX_BYTES = 8_000_000


def test_a_body_just_past_the_limit_is_said_to_weigh_more_than_it(client):
    response = client.post(
        "/droit-de-reponse/",
        data=b"x",
        content_type="multipart/form-data; boundary=limite",
        CONTENT_LENGTH=str(8_000_001),
    )

    assert "pèse plus de 8\xa0Mo : 8\xa0Mo au plus" in response.content.decode().replace(
        "\u202f", " "
    )
