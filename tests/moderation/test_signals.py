"""`comment_moderated`: every decision of a moderator, for whoever learns from them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from quotidien.comments.models import Comment
from quotidien.moderation import services
from quotidien.moderation.signals import comment_moderated

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions():
    """What receivers hear: (comment id, decision, category, moderator, status stored then)."""
    heard = []

    def receiver(sender, *, comment, decision, category, moderator, **kwargs):
        stored = Comment.objects.get(pk=comment.pk).status
        heard.append((comment.pk, decision, category, moderator, stored))
        # Sent inside the service's transaction: a receiver's writes go with the decision.
        assert transaction.get_connection().in_atomic_block

    comment_moderated.connect(receiver)
    yield heard
    comment_moderated.disconnect(receiver)


def test_approval_sends_one_approved_decision_per_comment(
    decisions, article, make_reader, moderator
):
    comments = [
        Comment.objects.create(article=article, author=make_reader(), body=f"Avis {n}")
        for n in range(2)
    ]

    services.approve(comments=comments, moderator=moderator)

    assert sorted(decisions, key=lambda d: d[0]) == [
        (comment.pk, "approved", "", moderator, "published") for comment in comments
    ]


def test_refusal_sends_the_rejected_decision_with_its_category(
    decisions, article, make_reader, moderator
):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Idiot !")

    services.reject(comments=[comment], moderator=moderator, category="insulte")

    assert decisions == [(comment.pk, "rejected", "insulte", moderator, "rejected")]


def test_refusal_without_category_sends_an_empty_category(
    decisions, article, make_reader, moderator
):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Bof.")

    services.reject(comments=[comment], moderator=moderator, reason="Doublon.")

    assert decisions == [(comment.pk, "rejected", "", moderator, "rejected")]


def test_a_refusal_that_fails_sends_nothing(decisions, article, make_reader, moderator):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Bof.")

    with pytest.raises(ValidationError):
        services.reject(comments=[comment], moderator=moderator, category="inconnu")

    assert decisions == []


def test_moderators_refusal_in_the_queue_sends_the_decision(
    decisions, client, article, make_reader, moderator
):
    comment = Comment.objects.create(article=article, author=make_reader(), body="MAJUSCULES")
    client.force_login(moderator)

    client.post(
        "/admin/moderation/", {"action": f"reject:{comment.pk}", f"{comment.pk}-categorie": "cris"}
    )

    assert decisions == [(comment.pk, "rejected", "cris", moderator, "rejected")]
