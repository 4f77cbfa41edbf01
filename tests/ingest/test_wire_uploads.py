"""Editors send wires in the back office, "Dépêches > Envoyer des dépêches": a file or a zip
of them, imported by the worker into a report like any other."""

import json
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quotidien.ingest.models import ImportReport, WireUpload
from quotidien.ingest.tasks import import_wire_upload
from quotidien.ingest.uploads import _safe_path
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import EDITORS, MODERATORS
from tests.ingest.conftest import jpeg_bytes

UPLOAD = "/admin/depeches/envoyer/"
REPORTS = "/admin/snippets/ingest/importreport/"


@pytest.fixture
def desk_editor(client, desk, make_member):
    user = make_member(EDITORS, "Rita Chidiac", "rita@quotidien.example")
    client.force_login(user)
    return user


def sidebar(client) -> str:
    """The back office's menu, which its script draws from JSON."""
    html = client.get("/admin/").content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def send(client, name: str, content: bytes, **data):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), **data})


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_wire_desk_menu_offers_the_upload_to_editors(client, desk_editor):
    menu = sidebar(client)
    page = client.get(UPLOAD)

    assert UPLOAD in menu and "Envoyer des dépêches" in menu
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()


def test_a_wire_file_sent_is_imported_and_reported(client, desk_editor, wires):
    response = send(
        client, "alp-festival.xml", (wires / "newsml" / "alp-festival.xml").read_bytes()
    )

    assert response.status_code == 302
    assert response["Location"] == REPORTS
    report = ImportReport.objects.get()
    assert (report.created, report.failed) == (1, 0)
    assert report.source == "Envoi « alp-festival.xml » (Rita Chidiac)"
    assert ArticlePage.objects.get().title.startswith("À Baalbek")
    listing = client.get(REPORTS).content.decode()
    assert "« alp-festival.xml » reçu" in listing
    assert "terminé" in listing
    assert not WireUpload.objects.exists()


def test_an_upload_is_imported_once_then_deleted(db, desk_editor, wires):
    upload = WireUpload.objects.create(
        name="alp-festival.xml",
        data=(wires / "newsml" / "alp-festival.xml").read_bytes(),
        uploaded_by=desk_editor,
    )

    first = import_wire_upload.call(upload.pk)
    again = import_wire_upload.call(upload.pk)

    assert first == ImportReport.objects.get().pk
    assert again is None
    assert not WireUpload.objects.exists()
    assert ArticlePage.objects.count() == 1


def test_a_zip_brings_its_wires_with_their_pictures(client, desk_editor, wires):
    archive = zipped(
        {
            "newsml/alp-festival.xml": (wires / "newsml" / "alp-festival.xml").read_bytes(),
            "newsml/alp-festival.jpg": jpeg_bytes((150, 90, 30)),
            "ninjs1/alp-port-v1.json": (wires / "ninjs1" / "alp-port-v1.json").read_bytes(),
            "../evasion.json": b"{}",
            "notes.txt": b"rien",
        }
    )

    send(client, "lot.zip", archive)

    report = ImportReport.objects.get()
    assert (report.created, report.failed) == (2, 0)
    festival = ArticlePage.objects.get(title__startswith="À Baalbek")
    assert festival.lead_image is not None


@pytest.mark.parametrize(
    "member",
    [
        "../evasion.json",
        "depeches/../../evasion.json",
        "..\\evasion.json",
        "depeches\\..\\..\\evasion.json",
        ".cache/depeche.json",
        "newsml/.depeche.xml",
        "notes.txt",
    ],
)
def test_a_zip_member_outside_its_folder_hidden_or_no_wire_is_left_out(tmp_path, member):
    assert _safe_path(tmp_path, member) is None


@pytest.mark.parametrize(
    "member, inside",
    [
        ("newsml\\photos/alp-festival.jpg", "newsml/photos/alp-festival.jpg"),
        ("/etc/evasion.json", "etc/evasion.json"),
        ("//evasion.json", "evasion.json"),
    ],
)
def test_a_zip_member_lands_under_the_extraction_folder(tmp_path, member, inside):
    assert _safe_path(tmp_path, member) == tmp_path / inside


def test_a_zip_with_failing_items_reads_as_failed(client, desk_editor, wires):
    archive = zipped(
        {
            "bon.xml": (wires / "newsml" / "alp-festival.xml").read_bytes(),
            "tronque.json": (wires / "malformed" / "truncated.json").read_bytes(),
        }
    )

    send(client, "lot.zip", archive)

    report = ImportReport.objects.get()
    assert (report.created, report.failed) == (1, 1)
    assert "échoué (1 dépêche en échec)" in client.get(REPORTS).content.decode()


def test_a_zip_too_heavy_once_unpacked_is_a_failed_report(client, desk_editor, settings):
    settings.QUOTIDIEN_WIRE_MAX_BYTES = 1_000_000
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n in range(21):  # each under the limit, 21 Mo together for 20 at most
            archive.writestr(f"depeche-{n}.json", b" " * 1_000_000)

    send(client, "lot.zip", buffer.getvalue())

    report = ImportReport.objects.get()
    assert (report.created, report.failed) == (0, 1)
    assert report.lines.get().message == "L’archive décompressée fait 21\xa0Mo : 20\xa0Mo au plus."


def test_an_unreadable_zip_is_a_failed_report(client, desk_editor):
    send(client, "lot.zip", b"PK\x03\x04 pas une archive")

    report = ImportReport.objects.get()
    assert report.failed == 1
    assert "Archive zip illisible" in report.lines.get().message


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.png", b"\x89PNG", "Format non reconnu"),
        ("gros.json", b"[" + b" " * 2000 + b"]", "Fichier trop volumineux"),
    ],
)
def test_what_is_no_wire_or_too_large_is_refused_at_once(
    client, desk_editor, settings, name, content, message
):
    settings.QUOTIDIEN_WIRE_MAX_BYTES = 1000

    response = send(client, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WireUpload.objects.exists()
    assert not ImportReport.objects.exists()


def test_the_upload_is_for_editors_only(client, desk, make_member):
    client.force_login(make_member(MODERATORS, "Fadi R.", "fadi@quotidien.example"))

    menu = sidebar(client)
    refused = send(client, "a.json", b"{}")

    assert UPLOAD not in menu and "Envoyer des dépêches" not in menu
    assert refused.status_code in {302, 403}
    assert not WireUpload.objects.exists()
