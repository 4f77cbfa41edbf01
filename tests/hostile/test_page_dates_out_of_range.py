"""Dates at the ends of the calendar are refused on pages and live entries: stored in UTC,
year 1 in the site's time zone became 1 BC; the live page, its entries' JSON and the list
of entries then answered 500 to everyone, and a page's revision could not be saved."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quotidien.live.models import LiveEntry
from tests.live.conftest import _public_address, live, staff  # noqa: F401
from tests.live.test_back_office import ENTRIES, entry_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("posted_at", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_an_entry_at_the_ends_of_the_calendar_is_refused_and_the_page_still_reads(
    client,
    live,  # noqa: F811 (fixtures of tests/live)
    staff,  # noqa: F811
    posted_at,
):
    page = live["page"]
    client.force_login(staff["rita"])
    before = LiveEntry.objects.count()

    response = client.post(
        f"{ENTRIES}/new/", entry_form(page, "Une entrée mal datée.", posted_at=posted_at)
    )

    assert response.status_code == 200
    assert "Choisissez une date entre" in response.content.decode()
    assert LiveEntry.objects.count() == before
    assert client.get(page.url).status_code == 200
    assert client.get(page.url + "entrees/").status_code == 200


def test_an_article_scheduled_in_year_one_is_refused(home, make_section, make_article):
    article = make_article(make_section("Liban"), "Un article mal programmé")
    article.go_live_at = timezone.make_aware(datetime(1, 1, 1))
    article.expire_at = timezone.make_aware(datetime(9999, 12, 31, 23, 59))

    with pytest.raises(ValidationError) as refused:
        article.full_clean()

    assert set(refused.value.message_dict) >= {"go_live_at", "expire_at"}
    assert "Choisissez une date entre" in refused.value.message_dict["go_live_at"][0]
