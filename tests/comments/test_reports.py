"""« Signaler »: whose reports send a comment back to the queue, how often, and on what."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import PageViewRestriction

from quotidien.comments.models import Comment, Report
from quotidien.comments.services import comment_report
from quotidien.moderation.models import RefusalReason
from quotidien.moderation.services import approve

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


def report_url(comment: Comment) -> str:
    return f"/commentaires/{comment.pk}/signaler/"


@pytest.fixture
def comment(article, make_reader, publish_comment):
    return publish_comment(article, make_reader("Samir H."), "Un avis tranché sur la Békaa.")


@pytest.fixture
def make_reporter(make_reader, publish_comment, make_section, make_article):
    """A reader who reports; `established` ones have an old account and a published comment."""
    elsewhere = make_article(make_section("Monde"), "Un autre article")

    def make(*, age=timedelta(days=200), published_comment=True) -> Client:
        reader = make_reader(age=age)
        if published_comment:
            publish_comment(elsewhere, reader, "Un commentaire publié ailleurs.")
        client = Client()
        client.force_login(reader)
        return client

    return make


def report(client: Client, comment: Comment, reason: str = "spam"):
    return client.post(report_url(comment), {"reason": reason})


def moderation_queue(moderator) -> str:
    client = Client()
    client.force_login(moderator)
    return client.get(QUEUE + "?onglet=signales").content.decode()


def test_reports_from_new_accounts_reach_moderators_but_leave_the_comment_published(
    client, article, comment, make_reporter, moderator
):
    for _ in range(3):
        assert report(make_reporter(age=timedelta(days=1)), comment).status_code == 302

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.open_reports == 3
    assert "Un avis tranché sur la Békaa." in client.get(article.url).content.decode()
    assert "Un avis tranché sur la Békaa." in moderation_queue(moderator)


def test_reports_from_readers_with_no_published_comment_leave_the_comment_published(
    client, article, comment, make_reporter
):
    for _ in range(3):
        report(make_reporter(published_comment=False), comment)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert Report.objects.filter(comment=comment).count() == 3
    assert "Un avis tranché sur la Békaa." in client.get(article.url).content.decode()


def test_only_established_readers_count_toward_sending_a_comment_back(comment, make_reporter):
    report(make_reporter(), comment)
    report(make_reporter(), comment)
    for _ in range(4):
        report(make_reporter(age=timedelta(hours=2)), comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED

    report(make_reporter(), comment)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "Signalé par 7 lecteurs."


def test_a_comment_a_moderator_approved_after_reports_stays_published(
    client, article, comment, make_reporter, moderator
):
    for _ in range(3):
        report(make_reporter(), comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    approve(comments=[comment], moderator=moderator)

    for _ in range(3):
        assert report(make_reporter(), comment).status_code == 302

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.open_reports == 3
    assert "Un avis tranché sur la Békaa." in client.get(article.url).content.decode()
    assert "Signalés (1)" in moderation_queue(moderator)


def test_a_reader_who_reports_too_often_is_told_when_to_come_back(
    settings, article, make_reader, publish_comment, make_reporter, rate_limit_clock
):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "report": (2, 3600)}
    comments = [publish_comment(article, make_reader(), f"Avis n° {n}.") for n in range(4)]
    reporter = make_reporter()

    allowed = [report(reporter, comments[0]), report(reporter, comments[1])]
    stopped = report(reporter, comments[2])
    rate_limit_clock.now += 3600
    later = report(reporter, comments[3])

    assert [response.status_code for response in allowed] == [302, 302]
    assert stopped.status_code == 429
    assert stopped["Retry-After"] == "3600"
    assert (
        "Vous avez signalé beaucoup de commentaires en peu de temps : réessayez dans 60 minutes."
        in stopped.content.decode()
    )
    assert later.status_code == 302
    assert set(Report.objects.values_list("comment__body", flat=True)) == {
        "Avis n° 0.",
        "Avis n° 1.",
        "Avis n° 3.",
    }


def held(comment: Comment) -> None:
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)


def unpublished_article(comment: Comment) -> None:
    comment.article.unpublish()


def password_on_article(comment: Comment) -> None:
    PageViewRestriction.objects.create(
        page=comment.article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def login_on_section(comment: Comment) -> None:
    PageViewRestriction.objects.create(
        page=comment.article.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )


@pytest.mark.parametrize("hide", [held, unpublished_article, password_on_article, login_on_section])
def test_a_comment_readers_cannot_see_cannot_be_read_or_reported(client, reader, comment, hide):
    hide(comment)

    page = client.get(report_url(comment))
    sent = report(client, comment)

    assert page.status_code == 404
    assert "Un avis tranché" not in page.content.decode()
    assert sent.status_code == 404
    assert not Report.objects.exists()


def test_a_published_comment_of_a_public_article_can_be_reported(client, reader, comment):
    page = client.get(report_url(comment))

    assert page.status_code == 200
    assert "Un avis tranché sur la Békaa." in page.content.decode()
    assert report(client, comment).status_code == 302


def test_the_service_refuses_a_report_on_a_comment_readers_cannot_read(reader, comment):
    comment.article.unpublish()

    with pytest.raises(ValidationError) as refused:
        comment_report(comment=comment, reporter=reader, reason="spam")

    assert refused.value.code == "unreadable"
    assert not Report.objects.exists()


def test_a_report_refused_as_a_duplicate_does_not_use_up_the_hour(
    settings, article, make_reader, publish_comment, make_reporter
):
    settings.QUOTIDIEN_RATE_LIMITS = {**settings.QUOTIDIEN_RATE_LIMITS, "report": (2, 3600)}
    first, second = (publish_comment(article, make_reader(), f"Avis n° {n}.") for n in range(2))
    reporter = make_reporter()

    answers = [report(reporter, first), report(reporter, first), report(reporter, second)]

    assert [answer.status_code for answer in answers] == [302, 400, 302]
    assert "Vous avez déjà signalé ce commentaire." in answers[1].content.decode()
    assert Report.objects.count() == 2


def test_readers_report_on_the_grounds_moderators_refuse_for(comment, make_reporter, moderator):
    reporter = make_reporter()

    form = reporter.get(report_url(comment)).content.decode()
    report(reporter, comment, "deshumanisant")
    queue = moderation_queue(moderator)

    labels = dict(RefusalReason.choices)
    for code, label in Report.Reason.choices:
        assert labels[code] == label and f'value="{code}"' in form
    assert "Propos haineux ou déshumanisants" not in form
    assert {"deshumanisant", "haine", "menace"} <= set(Report.Reason.values)
    assert Report.objects.get().reason == "deshumanisant"
    assert queue.count("Propos déshumanisants") >= 2  # the report, and a refusal to choose


def test_reports_stored_under_a_former_code_read_as_their_ground(db):
    assert Report(reason="donnees").get_reason_display() == "Données personnelles"
