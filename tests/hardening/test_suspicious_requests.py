"""A request that tries to leave a folder or otherwise plays tricks (Django's
SuspiciousOperation family) is the client's doing: a French 400 and one warning line in the
log, without a traceback nor the server's paths."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_media_address_climbing_out_of_media_is_a_400_and_one_warning_line(
    home, settings, caplog
):
    assert settings.SERVE_MEDIA, "the site serves its media in the tests"

    with caplog.at_level(logging.WARNING):
        response = Client().get("/media/%2e%2e/private/x.pdf")

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
    [record] = [r for r in caplog.records if r.name.startswith("django.security.")]
    assert record.name == "django.security.SuspiciousFileOperation"
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "Traceback" not in caplog.text
