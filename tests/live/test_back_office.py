"""Journalists post entries in a few clicks and keep to their own; editors change any."""

import json

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quotidien.live.models import LiveEntry
from tests.live.conftest import post_entry

pytestmark = pytest.mark.django_db

ENTRIES = "/admin/directs/entrees"


def entry_form(page, text: str, **fields) -> dict:
    paragraph = {"key": "a", "text": text, "type": "unstyled", "depth": 0}
    return {
        "page": str(page.pk),
        "posted_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "title": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": json.dumps(
            {
                "blocks": [{**paragraph, "inlineStyleRanges": [], "entityRanges": []}],
                "entityMap": {},
            }
        ),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        **fields,
    }


def test_journalist_posts_an_entry_from_the_live_page_and_it_is_logged(client, live, staff):
    page = live["page"]
    client.force_login(staff["nadia"])

    explorer = client.get(f"/admin/pages/{page.pk}/").content.decode()
    form = client.get(f"{ENTRIES}/new/?page={page.pk}").content.decode()
    response = client.post(f"{ENTRIES}/new/", entry_form(page, "Le vent faiblit enfin."))

    assert f"{ENTRIES}/new/?page={page.pk}" in explorer and "Nouvelle entrée" in explorer
    assert f'value="{page.pk}"' in form
    assert response.status_code == 302
    entry = LiveEntry.objects.order_by("-pk").first()
    assert entry.text() == "Le vent faiblit enfin."
    assert entry.author == staff["nadia"] and entry.page == page
    assert ModelLogEntry.objects.filter(
        object_id=str(entry.pk), action="wagtail.create", user=staff["nadia"]
    ).exists()
    assert "Le vent faiblit enfin." in client.get(page.url).content.decode()


def test_journalist_changes_their_own_entries_only_and_an_editor_any(client, live, staff):
    own, theirs = live["entries"][0], live["entries"][3]  # Nadia's, Karim's
    client.force_login(staff["nadia"])

    assert client.get(f"{ENTRIES}/edit/{own.pk}/").status_code == 200
    assert client.get(f"{ENTRIES}/edit/{theirs.pk}/").status_code in (302, 403)
    assert client.post(f"{ENTRIES}/delete/{theirs.pk}/").status_code in (302, 403)
    assert LiveEntry.objects.filter(pk=theirs.pk).exists()

    client.force_login(staff["rita"])
    assert client.get(f"{ENTRIES}/edit/{theirs.pk}/").status_code == 200
    client.post(f"{ENTRIES}/delete/{theirs.pk}/")
    assert not LiveEntry.objects.filter(pk=theirs.pk).exists()


def test_dashboard_lists_open_live_pages_with_their_new_entry_button(client, live, staff):
    client.force_login(staff["karim"])

    html = client.get("/admin/").content.decode()

    assert "Directs en cours" in html
    assert f"{ENTRIES}/new/?page={live['page'].pk}" in html


def test_an_entry_outdates_the_cached_live_page(live, settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    page = live["page"]
    Client().get(page.url)
    assert Client().get(page.url)["X-Page-Cache"] == "hit"

    post_entry(page, title="Un deuxième bombardier d’eau")
    response = Client().get(page.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Un deuxième bombardier d’eau" in response.content.decode()


def test_only_who_may_publish_closes_the_coverage(client, live, staff):
    page = live["page"]
    client.force_login(staff["nadia"])
    assert client.post(f"/admin/directs/{page.pk}/clore/").status_code in (302, 403)
    page.refresh_from_db()
    assert page.is_open

    client.force_login(staff["rita"])
    header = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    client.post(f"/admin/directs/{page.pk}/clore/")

    assert f"/admin/directs/{page.pk}/clore/" in header and "Clore le direct" in header
    page.refresh_from_db()
    assert page.coverage_ended_at is not None and page.live


def test_an_entry_timed_in_the_future_is_refused_beside_its_time(client, live, staff):
    page = live["page"]
    client.force_login(staff["nadia"])
    later = (timezone.localtime() + timezone.timedelta(hours=7)).strftime("%Y-%m-%d %H:%M")
    entries = LiveEntry.objects.count()

    response = client.post(f"{ENTRIES}/new/", entry_form(page, "Faute de frappe.", posted_at=later))

    assert response.status_code == 200
    assert "Cette heure est dans le futur" in response.content.decode().replace("\u202f", " ")
    assert LiveEntry.objects.count() == entries
    # A minute ahead, a clock a little fast, passes.
    soon = (timezone.localtime() + timezone.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
    ahead = client.post(f"{ENTRIES}/new/", entry_form(page, "Déjà.", posted_at=soon))
    assert ahead.status_code == 302
