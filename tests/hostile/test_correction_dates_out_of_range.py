"""A correction dated at an end of the calendar is refused beside its field: year 1 in the
site's time zone was stored as 1 BC in UTC, and the corrections page, its feed and the back
office's list answered 500 to everyone."""

import pytest
from django.urls import reverse

from quotidien.corrections.models import Correction
from tests.corrections.conftest import editor  # noqa: F401
from tests.corrections.test_back_office import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("published_at", ["01/01/0001 00:00", "31/12/1899 10:00"])
def test_a_correction_dated_year_one_is_refused_and_the_pages_still_read(
    client,
    article,
    editor,  # noqa: F811 (the fixture of tests/corrections)
    published_at,
):
    client.force_login(editor)

    response = client.post(
        reverse("rectificatifs:add"), form_data(article, published_at=published_at)
    )

    assert response.status_code == 200
    assert "Choisissez une date entre" in response.content.decode()
    assert not Correction.objects.exists()
    assert client.get("/corrections/").status_code == 200
    assert client.get("/corrections/rss/").status_code == 200
