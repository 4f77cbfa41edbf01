"""The comments of an article: the end of the article page, the full list, reports."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quotidien.comments.models import Comment, Report
from quotidien.moderation.models import ModerationAction

pytestmark = pytest.mark.django_db


def test_article_shows_count_newest_comment_and_link_to_all(
    client, article, make_reader, publish_comment
):
    now = timezone.now()
    for hours, text in [(5, "Premier avis."), (3, "Deuxième avis."), (1, "Dernier avis.")]:
        publish_comment(article, make_reader(), text, when=now - timedelta(hours=hours))
    Comment.objects.create(article=article, author=make_reader(), body="En attente.")

    html = client.get(article.url).content.decode()

    assert "commentaires (3)" in html
    assert "Dernier avis." in html
    assert "Premier avis." not in html
    assert "En attente." not in html
    assert f'href="{article.url}commentaires/"' in html
    assert "Tous les commentaires" in html


def test_all_comments_newest_first_or_oldest_first(client, article, make_reader, publish_comment):
    now = timezone.now()
    for number in range(1, 4):
        publish_comment(
            article, make_reader(), f"Avis {number}.", when=now - timedelta(hours=10 - number)
        )

    newest = client.get(article.url + "commentaires/").content.decode()
    oldest = client.get(article.url + "commentaires/?ordre=anciens").content.decode()

    assert newest.index("Avis 3.") < newest.index("Avis 2.") < newest.index("Avis 1.")
    assert oldest.index("Avis 1.") < oldest.index("Avis 2.") < oldest.index("Avis 3.")


def test_comments_are_paginated_and_bad_pages_are_not_found(
    client, settings, article, make_reader, publish_comment
):
    settings.QUOTIDIEN_COMMENTS_PAGE_SIZE = 2
    author = make_reader()
    now = timezone.now()
    for number in range(5):
        publish_comment(article, author, f"Avis {number}.", when=now - timedelta(minutes=number))

    last = client.get(article.url + "commentaires/?page=3").content.decode()

    assert "Avis 4." in last and "Avis 0." not in last
    assert client.get(article.url + "commentaires/?page=9").status_code == 404
    assert client.get(article.url + "commentaires/?page=abc").status_code == 404


def test_replies_show_under_their_comment(client, article, make_reader, publish_comment):
    question = publish_comment(article, make_reader("Karim S."), "Où en est le chantier ?")
    publish_comment(article, make_reader("Lina"), "Arrêté depuis mars.", parent=question)

    html = client.get(article.url + "commentaires/").content.decode()

    assert "commentaires (2)" in html
    assert html.index("Où en est le chantier ?") < html.index("Arrêté depuis mars.")
    assert "comment--reply" in html


def test_reports_from_three_established_readers_send_a_comment_back_to_the_queue(
    client, article, make_reader, publish_comment
):
    comment = publish_comment(article, make_reader(), "Propos douteux.")
    # Old accounts, each with a comment of its own published (see test_reports.py).
    readers = [make_reader() for _ in range(3)]
    for reader in readers:
        publish_comment(article, reader, "Un avis de lecteur.")

    for number, reporter in enumerate(readers):
        client.force_login(reporter)
        response = client.post(
            f"/commentaires/{comment.pk}/signaler/", {"reason": "insulte"}, follow=True
        )
        assert "votre signalement a été transmis" in response.content.decode()
        comment.refresh_from_db()
        expected = Comment.Status.PUBLISHED if number < 2 else Comment.Status.PENDING
        assert comment.status == expected

    assert comment.open_reports == 3
    assert "Signalé par 3 lecteurs" in comment.held_reason
    assert ModerationAction.objects.filter(comment=comment, kind="reported").exists()
    assert "commentaires (3)" in client.get(article.url).content.decode()


def test_a_reader_reports_a_comment_once_and_never_their_own(
    client, article, reader, make_reader, publish_comment
):
    other = publish_comment(article, make_reader(), "Un avis.")
    mine = publish_comment(article, reader, "Le mien.")

    client.post(f"/commentaires/{other.pk}/signaler/", {"reason": "spam"})
    again = client.post(f"/commentaires/{other.pk}/signaler/", {"reason": "spam"})
    own = client.post(f"/commentaires/{mine.pk}/signaler/", {"reason": "spam"})

    assert "Vous avez déjà signalé ce commentaire." in again.content.decode()
    assert "Vous ne pouvez pas signaler votre propre commentaire." in own.content.decode()
    assert Report.objects.count() == 1


def test_report_without_reason_gets_a_french_error(
    client, article, reader, make_reader, publish_comment
):
    comment = publish_comment(article, make_reader(), "Un avis.")

    unknown = client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "nimporte"})
    null = client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "\x00"})

    assert unknown.status_code == null.status_code == 400
    for response in (unknown, null):
        page = response.content.decode()
        assert "Choisissez l’un des motifs proposés." in page
        # What was sent is not repeated back.
        assert "nimporte" not in page and "\x00" not in page
    assert not Report.objects.exists()


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "reader"])
def test_article_and_comments_pages_cost_the_same_queries_with_many_comments(
    client, article, make_reader, publish_comment, logged_in
):
    if logged_in:
        client.force_login(make_reader("Habitué"))
    authors = [make_reader() for _ in range(3)]
    publish_comment(article, authors[0], "Seul avis.")
    pages = [article.url, article.url + "commentaires/"]
    before = [count_queries(client, url) for url in pages]

    for number in range(30):
        parent = publish_comment(article, authors[number % 3], f"Avis {number}.")
        publish_comment(article, authors[(number + 1) % 3], "Réponse.", parent=parent)
        Comment.objects.create(article=article, author=authors[2], body="En attente.")
    after = [count_queries(client, url) for url in pages]

    assert after == before


def test_first_comments_page_is_for_search_engines_and_its_other_pages_are_not(
    client, settings, article, make_reader, publish_comment
):
    settings.QUOTIDIEN_COMMENTS_PAGE_SIZE = 1
    for text in ("Un avis.", "Un autre avis."):
        publish_comment(article, make_reader(), text)
    noindex = '<meta name="robots" content="noindex, follow">'

    first = client.get(article.url + "commentaires/").content.decode()
    second = client.get(article.url + "commentaires/?page=2").content.decode()
    oldest = client.get(article.url + "commentaires/?ordre=anciens").content.decode()

    assert noindex not in first
    assert (
        '<meta name="description" content="Les commentaires des lecteurs sur '
        '« Les pluies reviennent sur la Békaa » et leurs réponses.">'
    ) in first
    assert noindex in second and noindex in oldest
