"""The newsroom's comment policy: when an article takes comments and how they are moderated."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from quotidien.news.models import SectionPage

from .classifier.rule import configured_rule
from .models import Ban
from .screening import Thresholds

Mode = SectionPage.CommentModeration


def closing_time(article) -> datetime | None:
    """When an article stops taking comments by itself, counted from its first publication."""
    if not article.first_published_at:
        return None
    return article.first_published_at + timedelta(days=settings.QUOTIDIEN_COMMENTS_OPEN_DAYS)


def comments_open(article, *, now: datetime | None = None) -> bool:
    """Whether readers may comment on `article` now."""
    if article.comments_closed or not article.live:
        return False
    closes = closing_time(article)
    return closes is None or (now or timezone.now()) < closes


def moderation_mode(article) -> str:
    """Mode.PRE or Mode.POST: the setting of the nearest section that has one, POST by default.

    Expects `article.section_trail` (see `news.queries.attach_sections`).
    """
    for section in reversed(getattr(article, "section_trail", [])):
        if section.comment_moderation:
            return section.comment_moderation
    return Mode.POST


def is_pre_moderated(article) -> bool:
    """Whether every comment on `article` waits for a moderator."""
    return moderation_mode(article) == Mode.PRE


def classifier_thresholds(article) -> Thresholds:
    """From which probabilities the classifier holds and refuses comments on `article`:
    each threshold of the nearest section that sets it, else the classifier rule's own.

    Expects `article.section_trail` (see `news.queries.attach_sections`).
    """
    rule = configured_rule()
    hold, refuse = None, None
    for section in reversed(getattr(article, "section_trail", [])):
        if hold is None and section.comment_hold_threshold is not None:
            hold = float(section.comment_hold_threshold)
        if refuse is None and section.comment_refuse_threshold is not None:
            refuse = float(section.comment_refuse_threshold)
    hold = rule.hold if hold is None else hold
    refuse = rule.refuse if refuse is None else refuse
    return Thresholds(hold=hold, refuse=max(refuse, hold))


def active_ban(user) -> Ban | None:
    """The ban that bars `user` from commenting now, None when they may comment: a
    suspension whose date has passed is over."""
    return Ban.objects.active().filter(user=user).first()
