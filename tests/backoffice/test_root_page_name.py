"""The page choosers start from the paper's name, not from Wagtail's « Root »."""

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def chooser_title(client) -> str:
    html = client.get("/admin/choose-page/").json()["html"]
    return re.search(r'class="title-wrapper">\s*(.*?)\s*<', html, re.S).group(1)


def test_the_page_chooser_starts_from_the_papers_name(editor, client):
    assert chooser_title(client) == settings.WAGTAIL_SITE_NAME


def test_the_root_takes_the_name_set_when_it_is_migrated(editor, client, settings):
    naming = import_module("quotidien.news.migrations.0013_root_page_title")
    Page.objects.filter(depth=1).update(title="Root", draft_title="Root")
    settings.WAGTAIL_SITE_NAME = "L’Écho du Mont"
    assert chooser_title(client) == "Root"

    naming.name_the_root(django_apps, SimpleNamespace(connection=connection))

    assert chooser_title(client) == "L’Écho du Mont"
