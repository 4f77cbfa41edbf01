"""The moderation queue's forms as a moderator meets them: errors at the comment, French plurals."""

import re
from datetime import timedelta

import pytest

from quotidien.comments.models import Comment

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def article(make_section, make_article):
    return make_article(make_section("Liban"), "Les générateurs de quartier")


def test_refusal_without_reason_shows_the_error_at_the_comment_and_keeps_the_note(
    moderator_client, article, make_reader
):
    first = Comment.objects.create(article=article, author=make_reader(), body="Premier avis.")
    second = Comment.objects.create(article=article, author=make_reader(), body="Second avis.")

    response = moderator_client.post(
        f"{QUEUE}?onglet=attente",
        {"action": f"reject:{second.pk}", f"{second.pk}-note": "Hors de propos ici."},
    )
    html = response.content.decode()

    second.refresh_from_db()
    assert second.status == Comment.Status.PENDING
    assert response.status_code == 200
    # The error is tied to that comment's reason field, which keeps what was typed...
    error_id = f"{second.pk}-categorie-error"
    select = rf'<select name="{second.pk}-categorie"[^>]*aria-describedby="{error_id}"'
    assert re.search(select, html)
    assert re.search(rf'id="{error_id}"[^>]*>\s*Choisissez le motif du refus', html)
    note = f'name="{second.pk}-note" id="{second.pk}-note" maxlength="250"'
    assert f'{note} value="Hors de propos ici."' in html
    # ...and not to the other comment's.
    assert f'aria-describedby="{first.pk}-categorie-error"' not in html
    # The page comes back at the comment: its buttons post to its own anchor.
    assert f'id="commentaire-{second.pk}"' in html
    assert f'formaction="{QUEUE}?onglet=attente#commentaire-{second.pk}"' in html


def test_author_history_agrees_in_number(moderator_client, article, make_reader, publish_comment):
    author = make_reader("Nabil", age=timedelta(days=30))
    publish_comment(article, author)
    Comment.objects.create(article=article, author=author, body="En attente.")

    html = moderator_client.get(QUEUE).content.decode()

    assert "1 publié, 1 en attente, 0 refusé</a>" in html


def test_journal_shows_the_charter_reason_and_the_moderators_note(
    moderator_client, article, make_reader
):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Achetez ici.")
    moderator_client.post(
        QUEUE,
        {
            "action": f"reject:{comment.pk}",
            f"{comment.pk}-categorie": "spam",
            f"{comment.pk}-note": "Les annonces n’ont pas leur place ici.",
        },
    )

    html = moderator_client.get(f"{QUEUE}journal/").content.decode()

    assert "Publicité ou spam<br>Les annonces n’ont pas leur place ici." in html
