"""The back office's home page tells moderators what waits for them in the queue."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from quotidien.comments.models import Comment
from quotidien.news.newsroom import EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(article, make_reader):
    """Three comments waiting (the oldest for two days) and one published but reported."""
    author = make_reader()
    for hours in (49, 3, 1):
        Comment.objects.create(
            article=article,
            author=author,
            body=f"Attend depuis {hours} h",
            created_at=timezone.now() - timedelta(hours=hours),
        )
    Comment.objects.create(
        article=article, author=author, body="Signalé", status="published", open_reports=2
    )


def sidebar_labels(html: str) -> str:
    """The labels of the back office's menu, which its script draws from JSON."""
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def test_moderators_dashboard_counts_waiting_and_reported_comments(staff_client, waiting):
    html = staff_client.get("/admin/").content.decode()

    assert "3 commentaires en attente" in html
    assert "1 signalé" in html
    assert "Le plus ancien attend depuis 2\xa0jours" in html
    assert 'href="/admin/moderation/?onglet=attente"' in html
    assert 'href="/admin/moderation/?onglet=signales"' in html
    assert "Modération (4)" in sidebar_labels(html)


def test_dashboard_says_when_nothing_waits(staff_client, home):
    html = staff_client.get("/admin/").content.decode()

    assert "Aucun commentaire en attente" in html
    assert "Le plus ancien" not in html
    assert "Modération (" not in sidebar_labels(html)


def test_editors_dashboard_has_no_moderation_panel(client, make_reader, waiting):
    editor = make_reader("Rita C.")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "commentaires en attente" not in html
    assert "Modération" not in sidebar_labels(html)
