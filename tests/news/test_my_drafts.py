"""« Mes brouillons » on the back office's dashboard: a journalist finds the pages they
started and never published, a form left half-filled (kept by autosave) among them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from tests.pages import add_article

pytestmark = pytest.mark.django_db


def drafts_panel(client):
    page = lxml_html.fromstring(client.get("/admin/").content)
    (panel,) = page.xpath("//section[@id='my-drafts-section']")
    return panel


def test_a_journalist_finds_their_drafts_newest_first_and_nobody_else_s(
    client, journalist, editor, make_section
):
    lebanon = make_section("Liban")
    published = add_article(lebanon, "Le port de Tripoli rouvre", owner=journalist)
    # Online once, then taken off: no draft of theirs.
    add_article(lebanon, "Un communiqué retiré", owner=journalist).unpublish()
    older = add_article(lebanon, "Les pêcheurs de Byblos", live=False, owner=journalist)
    newer = add_article(lebanon, "La récolte des olives", live=False, owner=journalist)
    add_article(lebanon, "Le brouillon d’un autre", live=False, owner=editor)
    for draft, age in ((older, timedelta(days=2)), (newer, timedelta(hours=1))):
        type(draft).objects.filter(pk=draft.pk).update(
            latest_revision_created_at=timezone.now() - age
        )
    client.force_login(journalist)

    panel = drafts_panel(client)

    links = [(a.text_content().strip(), a.get("href")) for a in panel.xpath(".//li/a")]
    assert links == [
        ("La récolte des olives", f"/admin/pages/{newer.pk}/edit/"),
        ("Les pêcheurs de Byblos", f"/admin/pages/{older.pk}/edit/"),
    ]
    said = " ".join(panel.text_content().split())
    assert "Liban" in said and published.title not in said
    assert "Un communiqué retiré" not in said


def test_without_drafts_the_panel_says_so(client, journalist, make_section):
    make_section("Liban")
    client.force_login(journalist)

    assert "Aucun brouillon." in drafts_panel(client).text_content()


def test_a_draft_sent_back_for_changes_says_so(client, journalist, editor, make_section):
    draft = add_article(make_section("Liban"), "Les pêcheurs de Byblos", live=False)
    draft.owner = journalist
    draft.save(update_fields=["owner"])
    draft.save_revision(user=journalist)
    draft.get_workflow().start(draft, journalist)
    draft.current_workflow_task_state.task.specific.on_action(
        draft.current_workflow_task_state, editor, "reject"
    )
    client.force_login(journalist)

    said = " ".join(drafts_panel(client).text_content().split())

    assert "Les pêcheurs de Byblos — Liban · modifications demandées" in said
