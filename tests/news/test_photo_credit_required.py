"""Every photo the newsroom adds has a credit and a description (its alternative text):
the forms ask for them, whichever way a photo comes in; photos stored without them stay."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quotidien.news.images import NewsImage

pytestmark = pytest.mark.django_db


def jpeg(name: str = "saida.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 150)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_the_choosers_upload_asks_for_a_credit_and_a_description(editor, client):
    chooser = "/admin/images/chooser/create/"

    form = client.get("/admin/images/chooser/").json()["html"]
    refused = client.post(
        chooser, {"image-chooser-upload-title": "Saïda", "image-chooser-upload-file": jpeg()}
    )
    html = refused.json()["htmlFragment"]

    assert "texte de remplacement" in form.lower()
    assert "Indiquez le crédit de la photo" in html
    assert "Décrivez ce que montre la photo" in html
    assert not NewsImage.objects.exists()

    accepted = client.post(
        chooser,
        {
            "image-chooser-upload-title": "Le port de Saïda au lever du jour",
            "image-chooser-upload-file": jpeg(),
            "image-chooser-upload-credit": "Quotidien / Jad Mansour",
            "image-chooser-upload-description": "Des barques amarrées devant le château de la Mer.",
        },
    )

    assert accepted.json()["step"] == "chosen"
    assert NewsImage.objects.get().credit == "Quotidien / Jad Mansour"


def test_a_photo_stored_without_them_stays_and_its_edit_form_asks_for_them(editor, client):
    old = NewsImage.objects.create(title="Archive", file=ImageFile(jpeg("archive.jpg")))
    url = f"/admin/images/{old.pk}/"

    refused = client.post(url, {"title": "Archive"})
    client.post(
        url,
        {"title": "Archive", "credit": "ALP / Maya Salem", "description": "Une rue sous la pluie."},
    )

    assert "Indiquez le crédit de la photo" in refused.content.decode()
    old.refresh_from_db()
    assert (old.credit, old.description) == ("ALP / Maya Salem", "Une rue sous la pluie.")
