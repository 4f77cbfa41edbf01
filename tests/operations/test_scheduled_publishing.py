"""Scheduled pages: `/sante/` says when they are overdue and no scheduler runs, and the
back office says a page published or approved for later is scheduled, and for when."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import Revision

from quotidien import health
from quotidien.french.dates import french_date, french_datetime
from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import JOURNALISTS
from tests.news.article_form import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(make_section, make_article):
    """A draft scheduled to go live in an hour."""
    article = make_article(make_section("Liban"), "Le port de Tripoli rouvre", live=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    return Revision.objects.get(pk=revision.pk)


def overdue_by(revision: Revision, delay: timedelta) -> None:
    """As if the time `delay` ago had been chosen: the page should be online since then."""
    moment = timezone.now() - delay
    revision.content["go_live_at"] = moment.isoformat()
    revision.approved_go_live_at = moment
    revision.save(update_fields=["content", "approved_go_live_at"])


def scheduler_report(client) -> dict:
    report = client.get("/sante/").json()
    return report["status"], report["scheduler"]


def test_health_fails_when_scheduled_pages_are_overdue_and_no_scheduler_runs(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=5))

    status, scheduler = scheduler_report(client)

    assert status == "degraded"
    assert scheduler["status"] == "error"
    assert scheduler["last_run_seconds"] is None
    assert 299 <= scheduler["overdue_seconds"] < 330
    assert "publish_scheduled_loop" in scheduler["message"]
    assert "en retard" in scheduler["message"]


def test_health_is_ok_while_a_scheduler_ran_recently(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=5))
    health.record_scheduler_run(interval=60)

    status, scheduler = scheduler_report(client)

    assert (status, scheduler["status"]) == ("ok", "ok")
    assert 0 <= scheduler["last_run_seconds"] < 30


def test_health_is_ok_when_nothing_is_overdue_by_two_minutes(client, scheduled):
    overdue_by(scheduled, timedelta(seconds=60))

    assert scheduler_report(client) == ("ok", mock.ANY)
    assert scheduler_report(client)[1]["status"] == "ok"


def test_health_fails_when_the_last_scheduler_run_is_old(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=10))
    with mock.patch.object(timezone, "now", return_value=timezone.now() - timedelta(minutes=9)):
        health.record_scheduler_run(interval=60)

    status, scheduler = scheduler_report(client)

    assert status == "degraded" and scheduler["status"] == "error"
    assert 530 <= scheduler["last_run_seconds"] < 560


def test_health_waits_two_of_the_loops_intervals_before_calling_it_idle(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=10))
    with mock.patch.object(timezone, "now", return_value=timezone.now() - timedelta(minutes=4)):
        health.record_scheduler_run(interval=300)

    status, scheduler = scheduler_report(client)

    assert (status, scheduler["status"]) == ("ok", "ok")
    assert 230 <= scheduler["last_run_seconds"] < 270

    with mock.patch.object(timezone, "now", return_value=timezone.now() - timedelta(minutes=11)):
        health.record_scheduler_run(interval=300)

    assert scheduler_report(client)[1]["status"] == "error"


def test_the_loop_run_every_five_minutes_keeps_the_health_check_ok(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=10))
    with mock.patch("time.sleep", side_effect=KeyboardInterrupt):
        with mock.patch.object(timezone, "now", return_value=timezone.now() - timedelta(minutes=4)):
            call_command("publish_scheduled_loop", "--interval", "300")
    overdue_by(scheduled, timedelta(minutes=10))

    assert scheduler_report(client)[1]["status"] == "ok"


def test_the_scheduler_loop_publishes_and_leaves_its_heartbeat(client, scheduled):
    overdue_by(scheduled, timedelta(minutes=5))

    with mock.patch("time.sleep", side_effect=KeyboardInterrupt):
        call_command("publish_scheduled_loop")

    assert ArticlePage.objects.get(pk=scheduled.object_id).live
    status, scheduler = scheduler_report(client)
    assert (status, scheduler["status"], scheduler["overdue_seconds"]) == ("ok", "ok", None)
    assert 0 <= scheduler["last_run_seconds"] < 30


GO_LIVE = timezone.make_aware(datetime(2030, 12, 7, 0, 40))
SCHEDULED_MESSAGE = "La page « Crue du Litani » est programmée pour le 7 décembre 2030 à 0 h 40."


def shown_messages(response) -> list[str]:
    """The messages a page of the back office shows, their spaces plain."""
    tree = lxml_html.fromstring(response.content)
    return [" ".join(item.text_content().split()) for item in tree.xpath("//li[@class='success']")]


def expiring_overdue_by(article: ArticlePage, delay: timedelta) -> None:
    """A published article whose expiry date passed `delay` ago: it should be offline."""
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - delay)


def test_health_fails_when_an_expiry_is_overdue_and_no_scheduler_runs(
    client, make_section, make_article
):
    article = make_article(make_section("Liban"), "Un communiqué retiré à midi")
    expiring_overdue_by(article, timedelta(minutes=5))

    status, scheduler = scheduler_report(client)

    assert (status, scheduler["status"]) == ("degraded", "error")
    assert 299 <= scheduler["overdue_seconds"] < 330


def test_the_scheduler_loop_takes_expired_pages_offline(client, make_section, make_article):
    article = make_article(make_section("Liban"), "Un communiqué retiré à midi")
    expiring_overdue_by(article, timedelta(minutes=5))

    with mock.patch("time.sleep", side_effect=KeyboardInterrupt):
        call_command("publish_scheduled_loop")

    status, scheduler = scheduler_report(client)
    assert (status, scheduler["status"], scheduler["overdue_seconds"]) == ("ok", "ok", None)
    assert client.get(article.url).status_code == 404


def test_publishing_for_later_says_the_page_is_scheduled(client, editor, make_section):
    section = make_section("Liban")
    add = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    form = article_form("Crue du Litani", "crue-litani", go_live_at="2030-12-07 00:40")

    created = shown_messages(client.post(add, {**form, "action-publish": "1"}, follow=True))

    article = ArticlePage.objects.get(slug="crue-litani")
    assert article.scheduled_revision.approved_go_live_at == GO_LIVE
    assert [SCHEDULED_MESSAGE] == [m for m in created if "« Crue du Litani »" in m]


def test_approving_for_later_says_the_page_is_scheduled(client, editor, make_member, make_section):
    section = make_section("Liban")
    form = article_form("Crue du Litani", "crue-litani", go_live_at="2030-12-07 00:40")
    writer = Client()
    writer.force_login(make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example"))
    add = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    writer.post(add, {**form, "action-submit": "1"})
    article = ArticlePage.objects.get(slug="crue-litani")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {**form, "action-workflow-action": "true", "workflow-action-name": "approve"},
        follow=True,
    )

    assert [m for m in shown_messages(response) if "« Crue du Litani »" in m] == [SCHEDULED_MESSAGE]
    assert "enregistrée" not in response.content.decode()


def test_the_year_is_left_out_of_a_date_of_this_year_when_asked():
    this_year = timezone.make_aware(datetime(timezone.localtime().year, 12, 7, 0, 40))

    assert french_datetime(this_year, year_when_another=True) == "7 décembre à 0 h 40"
    assert french_datetime(this_year) == f"7 décembre {this_year.year} à 0 h 40"
    assert french_datetime(GO_LIVE, year_when_another=True) == "7 décembre 2030 à 0 h 40"


def test_a_moment_shown_without_a_format_of_its_own_is_written_as_the_paper_writes_it():
    from django.template import Context, Template

    moment = timezone.make_aware(datetime(2026, 12, 8, 9, 0))

    shown = Template("{{ moment }}").render(Context({"moment": moment}))

    assert shown == french_datetime(moment) == "8 décembre 2026 à 9 h 00"


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime(2027, 1, 1, 0, 5), "1er janvier 2027 à 0 h 05"),
        (datetime(2026, 12, 7, 21, 30), "7 décembre 2026 à 21 h 30"),
        (datetime(2026, 12, 11, 9, 0), "11 décembre 2026 à 9 h 00"),
    ],
)
def test_the_first_of_a_month_is_written_1er(day, written):
    moment = timezone.make_aware(day)

    assert french_datetime(moment) == written
    assert french_date(moment) == written.split(" à ")[0]
