"""Moderators' decisions as services: what each one stores, whoever calls it."""

import pytest
from django.core.exceptions import ValidationError

from quotidien.comments.models import Comment
from quotidien.moderation import services
from quotidien.moderation.models import ModerationAction, RefusalReason

pytestmark = pytest.mark.django_db


def test_refusal_with_a_category_shows_its_label_then_the_note(article, make_reader, moderator):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Appelez-moi.")

    services.reject(
        comments=[comment],
        moderator=moderator,
        category=RefusalReason.PERSONAL_DATA,
        reason="Numéro de téléphone.",
    )

    comment.refresh_from_db()
    action = ModerationAction.objects.get(comment=comment)
    assert comment.held_reason == "Données personnelles\nNuméro de téléphone."
    assert (action.kind, action.category) == ("rejected", "donnees-personnelles")
    assert action.reason == comment.held_reason


def test_refusal_without_category_or_note_gives_the_charter_as_reason(
    article, make_reader, moderator
):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Bof.")

    services.reject(comments=[comment], moderator=moderator)

    comment.refresh_from_db()
    assert comment.held_reason == "Contraire à la charte des commentaires."
    assert ModerationAction.objects.get(comment=comment).category == ""


def test_refusal_with_an_unknown_category_changes_nothing(article, make_reader, moderator):
    comment = Comment.objects.create(article=article, author=make_reader(), body="Bof.")

    with pytest.raises(ValidationError) as error:
        services.reject(comments=[comment], moderator=moderator, category="grossier")

    comment.refresh_from_db()
    assert error.value.code == "category"
    assert comment.status == Comment.Status.PENDING
    assert not ModerationAction.objects.exists()


def test_charter_reasons_have_stable_codes_and_french_labels():
    assert dict(RefusalReason.choices) == {
        "insulte": "Insulte ou attaque personnelle",
        "obscenite": "Obscénité",
        "deshumanisant": "Propos déshumanisants",
        "haine": "Haine ou discrimination envers un groupe",
        "menace": "Menace ou appel à la violence",
        "cris": "Texte en capitales (cris)",
        "spam": "Publicité ou spam",
        "donnees-personnelles": "Données personnelles",
        "hors-sujet": "Hors sujet",
        "autre": "Autre",
    }


def test_charter_labels_are_translated_when_shown_like_the_other_labels():
    from django.utils.functional import Promise

    from quotidien.comments.models import Report

    labels = [label for _code, label in RefusalReason.choices + Report.Reason.choices]
    assert all(isinstance(label, Promise) for label in labels)


def test_putting_back_on_hold_withdraws_the_approval_and_leaves_refusals_alone(
    article, make_reader, moderator
):
    author = make_reader()
    shown = Comment.objects.create(article=article, author=author, body="Publié.")
    refused = Comment.objects.create(article=article, author=author, body="Refusé.")
    services.approve(comments=[shown], moderator=moderator)
    services.reject(comments=[refused], moderator=moderator, category=RefusalReason.SPAM)

    done = services.hold(comments=[shown, refused], moderator=moderator, reason="À vérifier.")

    shown.refresh_from_db()
    refused.refresh_from_db()
    assert done == 1
    assert (shown.status, refused.status) == ("pending", "rejected")
    assert not shown.approved_by_moderator
    assert (shown.held_reason, shown.moderated_by) == ("À vérifier.", moderator)
    assert ModerationAction.objects.filter(kind="held").get().reason == shown.held_reason


def test_putting_back_on_hold_leaves_waiting_comments_as_they_are(article, make_reader, moderator):
    from quotidien.comments.models import Report

    waiting = Comment.objects.create(
        article=article,
        author=make_reader(),
        body="Signalé.",
        held_reason="Signalé 3 fois.",
        open_reports=1,
    )
    Report.objects.create(comment=waiting, reporter=make_reader(), reason="insulte")

    done = services.hold(comments=[waiting], moderator=moderator, reason="À vérifier.")

    waiting.refresh_from_db()
    assert done == 0
    assert (waiting.status, waiting.held_reason, waiting.open_reports) == (
        "pending",
        "Signalé 3 fois.",
        1,
    )
    assert waiting.moderated_by is None
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    assert not ModerationAction.objects.filter(kind="held").exists()
