"""A thread a moderator removes takes its replies off the page with it, and back if restored."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


@pytest.fixture
def thread(article, make_reader, publish_comment):
    """Two threads, one answered once; the other, to be removed, answered twice."""
    now = timezone.now()
    kept = publish_comment(
        article, make_reader(), "Un avis qui reste.", when=now - timedelta(hours=3)
    )
    publish_comment(article, make_reader(), "Une réponse qui reste.", parent=kept)
    removed = publish_comment(
        article, make_reader(), "Un avis hors sujet.", when=now - timedelta(hours=2)
    )
    publish_comment(article, make_reader(), "Une réponse sous l’avis hors sujet.", parent=removed)
    publish_comment(article, make_reader(), "Une autre réponse, la plus récente.", parent=removed)
    return removed


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def remove(moderator_client, thread) -> None:
    moderator_client.post(
        QUEUE, {"action": f"reject:{thread.pk}", f"{thread.pk}-categorie": "hors-sujet"}
    )


def test_removed_thread_takes_its_replies_off_the_counts_and_back_when_restored(
    client, article, thread, moderator_client
):
    assert "commentaires (5)" in client.get(article.url).content.decode()

    remove(moderator_client, thread)

    page = client.get(article.url).content.decode()
    comments = client.get(article.url + "commentaires/").content.decode()
    assert "commentaires (2)" in page
    assert "la plus récente" not in page
    assert "commentaires (2)" in comments
    assert "sous l’avis hors sujet" not in comments
    # The replies keep their status: the thread approved again brings them back.
    assert thread.replies.filter(status=Comment.Status.PUBLISHED).count() == 2
    moderator_client.post(QUEUE, {"action": f"approve:{thread.pk}"})
    assert "commentaires (5)" in client.get(article.url).content.decode()


def test_reply_of_a_removed_thread_can_be_neither_answered_nor_reported(
    client, article, thread, moderator_client, make_reader
):
    reply = thread.replies.first()
    remove(moderator_client, thread)
    client.force_login(make_reader("Nour"))

    answered = client.post(
        article.url + "commentaires/", {"body": "Je réponds quand même.", "parent": reply.pk}
    )

    assert "n’est pas ou plus publié" in answered.content.decode()
    assert not Comment.objects.filter(body="Je réponds quand même.").exists()
    assert client.get(f"/commentaires/{reply.pk}/signaler/").status_code == 404


def test_reply_under_a_removed_thread_is_not_called_published_on_my_comments(
    client, article, thread, moderator_client, publish_comment
):
    reply = thread.replies.first()
    publish_comment(article, reply.author, "Mon avis, bien visible.")
    remove(moderator_client, thread)
    client.force_login(reply.author)

    mine = client.get("/commentaires/mes-commentaires/").content.decode()

    assert "Non visible : la discussion à laquelle il répond a été retirée" in mine
    assert mine.count(">Publié<") == 1
