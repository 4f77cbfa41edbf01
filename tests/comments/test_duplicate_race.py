"""The same comment sent twice at once (a double click, the app and the site, a form sent
again while the first is on its way): one copy is published, the other is refused as a
duplicate and its author told so, as when the two are sent one after the other.

The screening reads the author's recent comments before the new one is stored: a copy
stored meanwhile must still count. On PostgreSQL the two postings also run side by side,
in two threads with their own connections."""

import pytest
from django.db import connection
from django.test import Client

from quotidien.comments import services
from quotidien.comments.models import Comment
from tests import races

pytestmark = pytest.mark.django_db

TEXT = "Le barrage de la Békaa doit être achevé avant les pluies d’automne."
PUBLISHED = "Votre commentaire est publié. Merci !"
DUPLICATE = (
    "Votre commentaire n’a pas été publié : vous avez déjà envoyé ce même commentaire il y a peu."
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="deux connexions côte à côte ; SQLite fait attendre toute autre transaction "
    "d’écriture dès son début (transaction_mode IMMEDIATE)",
)
# Two postings at once: two connections, each committing its own transactions.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_copy_stored_while_the_comment_was_screened_makes_it_a_duplicate(
    article, make_reader, monkeypatch
):
    reader = make_reader("Rima K.")
    screen = services.screen

    def screen_while_the_other_copy_is_stored(**arguments):
        findings = screen(**arguments)
        monkeypatch.setattr(services, "screen", screen)
        services.comment_submit(article=article, author=reader, body=TEXT)
        return findings

    monkeypatch.setattr(services, "screen", screen_while_the_other_copy_is_stored)

    comment = services.comment_submit(article=article, author=reader, body=TEXT)

    assert comment.status == Comment.Status.REJECTED
    assert services.outcome_message(comment) == DUPLICATE
    assert Comment.objects.published().filter(author=reader).count() == 1


@pytest.fixture
def side_by_side(article, monkeypatch):
    """What a reader is told of one comment sent at the same moment through the site's
    form and through the API (with the site's session).

    Each posting, about to store its comment, waits until the other has caught up: has
    reached the same point (both screened before either was stored), waits for this one's
    transaction to end, or is over. Which comes first is up to the postings alone, never
    up to how fast the machine is."""

    def post(reader, body: str) -> list[str]:
        def on_the_site() -> str:
            client = Client()
            client.force_login(reader)
            answer = client.post(article.url + "commentaires/", {"body": body}, follow=True)
            # What this posting was told, not the other copy's note the page may list too.
            return " ".join(str(message) for message in answer.context["messages"])

        def through_the_api() -> str:
            client = Client()
            client.force_login(reader)
            answer = client.post(
                f"/api/v1/articles/{article.pk}/comments/",
                {"body": body},
                content_type="application/json",
            )
            assert answer.status_code == 201, answer.content
            return answer.json()["message"]

        return races.side_by_side(monkeypatch, Comment, [on_the_site, through_the_api])

    return post


@on_postgresql
@committed
def test_one_comment_sent_twice_at_once_is_published_once(side_by_side, make_reader):
    reader = make_reader("Rima K.")

    on_the_site, through_the_api = side_by_side(reader, TEXT)

    told = [(PUBLISHED in answer, DUPLICATE in answer) for answer in (on_the_site, through_the_api)]
    assert sorted(told) == [(False, True), (True, False)]
    assert sorted(Comment.objects.filter(author=reader).values_list("status", flat=True)) == [
        Comment.Status.PUBLISHED,
        Comment.Status.REJECTED,
    ]
