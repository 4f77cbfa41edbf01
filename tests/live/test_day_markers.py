"""The timeline says which day its entries are from, where the day changes: in the page
(without script) and in the answer the page's script adds new entries from."""

from datetime import datetime

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from tests.live.conftest import post_entry

pytestmark = pytest.mark.django_db

# Site time (Beirut): two entries before midnight, two after.
TIMES = [(5, 22, 53), (5, 23, 36), (6, 0, 10), (6, 0, 42)]


@pytest.fixture
def night(live):
    page = live["page"]
    page.entries.all().delete()
    for day, hour, minute in TIMES:
        post_entry(page, title=f"Entrée de {hour} h {minute:02d}")
        page.entries.filter(title=f"Entrée de {hour} h {minute:02d}").update(
            posted_at=timezone.make_aware(datetime(2025, 12, day, hour, minute))
        )
    return page


def test_timeline_marks_each_day_before_its_entries(client, night):
    tree = lxml_html.fromstring(client.get(night.url).content)

    timeline = tree.xpath("//*[@data-live-entries]/*")
    shown = [" ".join(item.text_content().split()) for item in timeline]

    assert [text.split(" Les pompiers")[0] for text in shown] == [
        "Samedi 6 décembre",
        "0 h 42 Entrée de 0 h 42",
        "0 h 10 Entrée de 0 h 10",
        "Vendredi 5 décembre",
        "23 h 36 Entrée de 23 h 36",
        "22 h 53 Entrée de 22 h 53",
    ]
    assert tree.xpath("//*[@data-live-day]/time/@datetime") == ["2025-12-06", "2025-12-05"]


def test_entries_answer_gives_each_entry_its_day_marker(client, night):
    data = client.get(f"{night.url}entrees/").json()

    assert [entry["day"] for entry in data["entries"]] == [
        "2025-12-06",
        "2025-12-06",
        "2025-12-05",
        "2025-12-05",
    ]
    marker = lxml_html.fromstring(data["entries"][0]["day_html"])
    assert marker.get("data-live-day") == "2025-12-06"
    assert " ".join(marker.text_content().split()) == "Samedi 6 décembre"
