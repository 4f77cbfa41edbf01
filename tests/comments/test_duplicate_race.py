"""The same comment sent twice at once (a double click, the app and the site, a form sent
again while the first is on its way): one copy is published, the other is refused as a
duplicate and its author told so, as when the two are sent one after the other.

The screening reads the author's recent comments before the new one is stored: a copy
stored meanwhile must still count. On PostgreSQL the two postings also run side by side,
in two threads with their own connections."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from quotidien.comments import services
from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db

TEXT = "Le barrage de la Békaa doit être achevé avant les pluies d’automne."
PUBLISHED = "Votre commentaire est publié. Merci !"
DUPLICATE = (
    "Votre commentaire n’a pas été publié : "
    "Commentaire identique à un commentaire récent du même auteur"
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
        start = threading.Barrier(2)
        backend_pids, caught_up = {}, {}
        store = Comment.save

        def store_once_the_other_caught_up(comment, *args, **kwargs):
            me = threading.get_ident()
            caught_up[me].set()
            (other,) = set(caught_up) - {me}
            for _ in range(1000):
                if caught_up[other].wait(timeout=0.01):
                    break
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))",
                        [backend_pids[other]],
                    )
                    if cursor.fetchone()[0]:
                        break
            else:
                raise AssertionError("The other posting neither went on nor waited.")
            return store(comment, *args, **kwargs)

        def on_the_site(client) -> str:
            answer = client.post(article.url + "commentaires/", {"body": body}, follow=True)
            return answer.content.decode()

        def through_the_api(client) -> str:
            answer = client.post(
                f"/api/v1/articles/{article.pk}/comments/",
                {"body": body},
                content_type="application/json",
            )
            assert answer.status_code == 201, answer.content
            return answer.json()["message"]

        def send(channel) -> str:
            me = threading.get_ident()
            caught_up[me] = threading.Event()
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    (backend_pids[me],) = cursor.fetchone()
                client = Client()
                client.force_login(reader)
                start.wait(timeout=10)
                return channel(client)
            finally:
                caught_up[me].set()
                connections.close_all()

        monkeypatch.setattr(Comment, "save", store_once_the_other_caught_up)
        with ThreadPoolExecutor(max_workers=2) as threads:
            return list(threads.map(send, [on_the_site, through_the_api]))

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
