"""The moderation queue and a ban's confirmation on a phone: everything within the width."""

import pytest
from playwright.sync_api import expect

from quotidien.comments.models import Comment

pytestmark = pytest.mark.browser

# What sticks out past the right edge of the screen, in the page's main part.
OVERFLOWING = """() => [...document.querySelectorAll('main *')]
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
    .map((element) => `${element.tagName}.${element.className}`)"""


@pytest.mark.parametrize("page", [390], ids=["390px"], indirect=True)
def test_moderator_works_through_the_queue_on_a_phone(page, screenshots):
    page.goto("/admin/login/")
    page.locator("#id_username").fill("moderateur")
    page.locator("#id_password").fill("quotidien-moderateur")
    page.locator("button[type=submit]").click()
    shown = Comment.objects.filter(status="published", open_reports=0).latest("published_at")

    for tab in ("attente", "signales", "approuves"):
        page.goto(f"/admin/moderation/?onglet={tab}")
        item = page.locator("section.moderation-item").first
        item.get_by_label("Motif du refus").scroll_into_view_if_needed()
        assert page.evaluate(OVERFLOWING) == [], tab
        for field in (item.get_by_label("Motif du refus"), item.get_by_label("Précision")):
            box = field.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, tab
    page.screenshot(path=screenshots / "moderation-approved-390.png")
    waiting = Comment.objects.filter(status="pending").first()
    page.goto(f"/admin/moderation/bannir/?commentaire={waiting.pk}")
    expect(page.get_by_label("7 jours")).to_be_visible()
    assert page.evaluate(OVERFLOWING) == []
    page.goto("/admin/moderation/?onglet=approuves")

    item = page.locator("section.moderation-item").filter(has_text=shown.body[:40]).first
    item.get_by_role("button", name="Remettre en attente").click()
    expect(page.get_by_text("1 commentaire remis en attente.")).to_be_visible()
    shown.refresh_from_db()
    assert shown.status == "pending"
