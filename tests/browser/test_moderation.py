"""A moderator, without JavaScript, refuses with a reason, bans, then undoes the ban."""

import re

import pytest
from playwright.sync_api import expect

from quotidien.comments.models import Comment
from quotidien.french.typography import of_name
from quotidien.moderation.models import Ban

pytestmark = pytest.mark.browser


def test_moderator_refuses_bans_and_undoes_the_ban_without_javascript(new_context, screenshots):
    staff = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = staff.new_page()
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill("moderateur")
    tab.locator("#id_password").fill("quotidien-moderateur")
    tab.locator("button[type=submit]").click()
    waiting = list(
        Comment.objects.filter(status="pending", open_reports=0)
        .order_by("created_at", "pk")
        .select_related("author")[:2]
    )
    refused, troll = waiting

    tab.goto("/admin/moderation/")
    item = tab.locator("section.moderation-item").filter(has_text=refused.body[:40]).first
    item.get_by_label("Motif du refus").select_option(label="Hors sujet")
    item.get_by_label("Précision").fill("Le débat porte sur l’article.")
    tab.screenshot(path=screenshots / "moderation-refusal.png", full_page=True)
    item.get_by_role("button", name="Refuser").click()
    expect(tab.get_by_text("1 commentaire refusé.")).to_be_visible()

    item = tab.locator("section.moderation-item").filter(has_text=troll.body[:40]).first
    item.get_by_role("button", name="Bannir l’auteur").click()
    name = troll.author.get_display_name()
    expect(tab.get_by_role("heading", name=f"Bannir {name} ?")).to_be_visible()
    assert not Ban.objects.exists()
    tab.get_by_label("Motif du refus").select_option(label="Insulte ou attaque personnelle")
    tab.screenshot(path=screenshots / "moderation-ban-confirm.png", full_page=True)
    tab.get_by_role("button", name="Confirmer le bannissement").click()
    expect(
        tab.get_by_text(re.compile(rf"{re.escape(name)} ne peut plus commenter"))
    ).to_be_visible()
    tab.screenshot(path=screenshots / "moderation-banned.png", full_page=True)

    # On the banned readers' page it lands on: the message's button hides under Wagtail's
    # warning that JavaScript is off.
    expect(tab.get_by_role("heading", name="Lecteurs bannis")).to_be_visible()
    tab.locator("table").get_by_role("link", name="Annuler ce bannissement").click()
    tab.get_by_role("button", name="Annuler ce bannissement").click()
    expect(tab.get_by_text(f"Bannissement {of_name(name)} annulé")).to_be_visible()
    tab.screenshot(path=screenshots / "moderation-ban-undone.png", full_page=True)

    refused.refresh_from_db()
    troll.refresh_from_db()
    assert refused.held_reason == "Hors sujet\nLe débat porte sur l’article."
    assert troll.status == "pending"
    assert not Ban.objects.exists()
