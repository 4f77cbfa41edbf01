"""The page choosers start from the paper's name, not from Wagtail's « Root »."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def chooser_title(client) -> str:
    html = client.get("/admin/choose-page/").json()["html"]
    return re.search(r'class="title-wrapper">\s*(.*?)\s*<', html, re.S).group(1)


def test_the_page_chooser_starts_from_the_papers_name(editor, client):
    assert chooser_title(client) == settings.WAGTAIL_SITE_NAME
