"""Live coverage: a reader on the demo's live page sees a new entry arrive without reloading."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quotidien.live.models import LiveEntry, LivePage
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [1280], ids=["1280px"], indirect=True)
def test_live_page_gains_a_new_entry_without_reload(page: Page, settings, axe_script):
    settings.QUOTIDIEN_LIVE_POLL_SECONDS = 1
    page.add_init_script(path=axe_script)
    page.goto("/")
    page.locator(".live-banner").get_by_role("link").first.click()
    live = LivePage.objects.get(slug=page.url.rstrip("/").rsplit("/", 1)[-1])
    expect(page.get_by_role("heading", level=1)).to_have_text(live.title)
    assert axe_violations(page) == []
    page.evaluate("window.notReloaded = true")

    LiveEntry.objects.create(
        page=live,
        title="Le vent tombe enfin sur la crête",
        body=[("paragraph", "<p>Les secours disent reprendre la main.</p>")],
    )

    newest = page.locator("[data-live-entries] > article").first
    expect(newest).to_contain_text("Le vent tombe enfin sur la crête")
    expect(page.locator("[data-live-status]")).to_have_text("1 nouvelle entrée")
    assert page.evaluate("window.notReloaded") is True
    # The timeline opens with today's marker, the new entry under it.
    timeline = page.locator("[data-live-entries] > *")
    today = timezone.localdate().isoformat()
    expect(timeline.first).to_have_attribute("data-live-day", today)
    expect(timeline.nth(1)).to_contain_text("Le vent tombe enfin sur la crête")
