"""The newsroom teaches the classifier: each moderator's decision becomes a labelled example."""

from django.utils import timezone

from quotidien.moderation.models import ModerationAction, RefusalReason

from .model import ACCEPTABLE
from .models import TrainingExample

# A refusal for these reasons says nothing about the words themselves.
NOT_ABOUT_WORDING = frozenset({RefusalReason.OFF_TOPIC})
# The comment waits for a moderator again: no decision stands on it.
WITHDRAWN = frozenset({ModerationAction.Kind.REQUEUED, ModerationAction.Kind.HELD})


def label_of(*, decision: str, category: str, read: bool = True) -> str | None:
    """The label a decision teaches: acceptable, a kind of harm, or None (nothing to learn:
    a decision withdrawn, the comment put back in the queue, or a comment refused without
    being read)."""
    if decision in WITHDRAWN or not read:
        return None
    if decision == ModerationAction.Kind.APPROVED:
        return ACCEPTABLE
    if category in NOT_ABOUT_WORDING:
        return None
    return category or RefusalReason.OTHER


def record_decision(
    sender=None,
    *,
    comment,
    decision: str,
    category: str = "",
    moderator=None,
    read: bool = True,
    **kwargs,
):
    """Keep the moderator's decision on `comment` as a training example (receiver of
    `comment_moderated`); a new decision on the same comment replaces the old one."""
    label = label_of(decision=decision, category=category, read=read)
    if label is None:
        TrainingExample.objects.filter(comment=comment).delete()
        return
    TrainingExample.objects.update_or_create(
        comment=comment,
        defaults={
            "text": comment.body,
            "label": label,
            "moderator": moderator,
            "decided_at": timezone.now(),
        },
    )
