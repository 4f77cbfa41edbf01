"""The live page as readers see it, and its JSON answer for the page's script."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.french.dates import french_datetime
from quotidien.live.models import LiveEntry
from quotidien.live.services import close_coverage
from tests.html_validation import validate_html
from tests.live.conftest import post_entry

pytestmark = pytest.mark.django_db


def test_live_page_shows_key_entries_first_then_the_newest(client, live):
    response = client.get(live["page"].url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Trois hameaux évacués" in html
    key = html.index("Évacuation de trois hameaux")
    assert key < html.index("Les pompiers volontaires du Chouf") < html.index("Le feu a pris")
    assert len(re.findall(r'id="entree-\d+"', html)) == 5


def test_live_page_says_when_it_was_last_updated_and_its_script_keeps_it_so(client, live):
    newest = max(entry.posted_at for entry in live["entries"])
    said = f"Mis à jour le {french_datetime(newest)}"

    page = lxml_html.fromstring(client.get(live["page"].url).content)
    later = post_entry(live["page"], title="Les renforts arrivent de Saïda")
    data = client.get(live["page"].url + "entrees/").json()

    [shown] = page.xpath("//*[@data-live-updated]")
    assert " ".join(shown.text_content().split()) == said
    updated = lxml_html.fragment_fromstring(data["updated"], create_parent=True)
    assert updated.text_content() == f"Mis à jour le {french_datetime(later.posted_at)}"
    assert shown.get("hidden") is None

    # Before its first entry, nothing to say: the place stays hidden (no « · » after the
    # opening time) until the script fills it.
    LiveEntry.objects.filter(page=live["page"]).delete()
    [empty] = lxml_html.fromstring(client.get(live["page"].url).content).xpath(
        "//*[@data-live-updated]"
    )
    assert empty.get("hidden") is not None and not empty.text_content().strip()


def test_an_entry_changed_after_it_was_posted_says_so_and_dates_the_page(client, live):
    entry = live["entries"][1]
    fixed = timezone.now()
    hour_ago = fixed - timezone.timedelta(hours=1)
    LiveEntry.objects.filter(pk=entry.pk).update(
        title="Évacuation de trois villages", created_at=hour_ago, updated_at=fixed
    )
    # Another, changed within its first minutes (a typo fixed), says nothing.
    typo = live["entries"][0]
    LiveEntry.objects.filter(pk=typo.pk).update(
        created_at=hour_ago, updated_at=hour_ago + timezone.timedelta(minutes=1)
    )

    page = lxml_html.fromstring(client.get(live["page"].url).content)

    [changed] = page.xpath(f'//*[@id="{entry.anchor}"]//*[@class="live-entry__edited"]')
    assert " ".join(changed.text_content().split()) == (
        f"Entrée modifiée le {french_datetime(fixed, True)}"
    )
    assert not page.xpath(f'//*[@id="{typo.anchor}"]//*[@class="live-entry__edited"]')
    [updated] = page.xpath("//*[@data-live-updated]")
    assert " ".join(updated.text_content().split()) == f"Mis à jour le {french_datetime(fixed)}"
    # Search engines read the same moment as readers.
    [modified] = page.xpath("//meta[@property='article:modified_time']/@content")
    assert modified == timezone.localtime(fixed).isoformat()


def test_an_entry_posted_with_an_earlier_time_is_not_said_to_be_changed(client, live):
    late = post_entry(live["page"], age=timezone.timedelta(minutes=40), title="Rattrapage")

    page = lxml_html.fromstring(client.get(live["page"].url).content)

    assert not page.xpath(f'//*[@id="{late.anchor}"]//*[@class="live-entry__edited"]')


@pytest.mark.html_checker
def test_live_page_is_valid_html(client, live):
    html = client.get(live["page"].url).content.decode()

    assert validate_html({"live": html}) == {"live": []}


def test_entries_answer_lists_the_latest_and_then_says_nothing_changed(client, live):
    url = live["page"].url + "entrees/"

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    post_entry(live["page"], title="Les renforts arrivent de Saïda")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    data = first.json()
    assert first.status_code == 200 and first["Cache-Control"] == "public, max-age=10"
    assert [entry["id"] for entry in data["entries"]] == [
        entry.anchor for entry in reversed(live["entries"]) if not entry.pinned
    ]
    assert "Évacuation de trois hameaux" in data["essentials"]
    assert "Trois hameaux évacués" in data["summary"] and data["closed"] is False
    assert f'data-updated="{data["entries"][0]["updated_at"]}"' in data["entries"][0]["html"]
    assert again.status_code == 304
    assert changed.status_code == 200
    assert "Les renforts arrivent de Saïda" in changed.json()["entries"][0]["html"]


def test_closed_coverage_says_so_and_takes_no_more_entries(client, live, staff):
    page = close_coverage(page=live["page"], user=staff["rita"])

    html = client.get(page.url).content.decode()
    data = client.get(page.url + "entrees/").json()
    assert '<p class="live__ended" data-live-ended>Ce direct est terminé.</p>' in html
    assert "live.js" not in html
    assert data["closed"] is True
    assert page.coverage_ended_at <= timezone.now()
    with pytest.raises(ValidationError) as error:
        post_entry(page, title="Trop tard")
    assert error.value.error_dict["page"][0].code == "coverage_ended"


def test_live_page_costs_the_same_queries_whatever_the_number_of_entries(client, live):
    page = live["page"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
            assert client.get(page.url + "entrees/").status_code == 200
        return len(captured)

    def post(count: int, *, pinned: bool) -> None:
        for number in range(count):
            photo = {"image": live["photo"], "caption": f"Photo {number}"}
            post_entry(
                page,
                pinned=pinned,
                body=[("photo", photo), ("read_also", {"article": live["article"]})],
            )

    post(1, pinned=True)
    queries()  # content types and site roots are read once
    few = queries()
    post(6, pinned=True)
    post(6, pinned=False)
    queries()  # the entries outdated the page's tokens and its head: read again once

    assert queries() == few


def test_front_page_announces_open_coverage_only(client, live, staff):
    url = live["page"].url

    before = client.get("/").content.decode()
    close_coverage(page=live["page"], user=staff["rita"])
    after = client.get("/").content.decode()

    assert f'<a href="{url}"><span class="live-banner__label">En direct</span>' in before
    assert url not in after
