"""A photo file that is cut short or damaged is refused with a French form error at upload,
whichever way an editor sends it, and nothing is stored."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quotidien.news.images import NewsImage

pytestmark = pytest.mark.django_db
UNREADABLE = "Cette photo est illisible"


def png_with_broken_pixels() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"pas du zlib")
        + chunk(b"IEND", b"")
    )


DAMAGED = {
    "tronquee.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50,
    "abimee.png": png_with_broken_pixels(),
    "abimee.gif": b"GIF89a\xff\xff\xff\xff" + b"\x00" * 40,
    "vide.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 30,
    "vide.avif": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 20,
}


@pytest.fixture
def desk(editor, client):
    """The back office, as an editor."""
    return client


def test_a_damaged_photo_is_refused_by_the_photo_form(desk):
    for name, content in DAMAGED.items():
        response = desk.post(
            "/admin/images/add/", {"title": name, "file": SimpleUploadedFile(name, content)}
        )

        assert response.status_code == 200, name
        assert UNREADABLE in response.content.decode(), name
    assert not NewsImage.objects.exists()
    whole = BytesIO()
    Image.new("RGB", (40, 30)).save(whole, "PNG")
    upload = SimpleUploadedFile("entiere.png", whole.getvalue())
    whole_photo = {
        "title": "Entière",
        "file": upload,
        "credit": "Quotidien / Jad Mansour",
        "description": "Un carré noir.",
    }
    assert desk.post("/admin/images/add/", whole_photo).status_code == 302
    assert NewsImage.objects.get().width == 40


def test_a_damaged_photo_is_refused_by_the_multiple_upload(desk):
    for name, content in DAMAGED.items():
        response = desk.post(
            "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
        )

        assert response.status_code == 200, name
        answer = response.json()
        assert answer["success"] is False and UNREADABLE in answer["error_message"], name
    assert not NewsImage.objects.exists()
