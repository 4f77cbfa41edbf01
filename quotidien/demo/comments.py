"""Readers and their comments for the demo newsroom, from `content/comments.toml`.

Comments are stored with the fate the file gives them (published, waiting, refused), the
waiting ones with what the real screening says of them, so that the moderation queue
shows its work. Loading again adds nothing already there.
"""

import tomllib
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from quotidien.comments.models import Comment, Report
from quotidien.comments.services import held_by_reports_reason
from quotidien.moderation.models import ModerationAction
from quotidien.moderation.services import screen
from quotidien.news.models import ArticlePage

READER_PASSWORD = "quotidien-lecteur"
HELD_BY_HAND = "Mis de côté par un modérateur pour vérification."


def load_demo_comments(*, path: Path, moderator) -> int:
    """Create the demo readers and comments; returns how many comments were added."""
    if not path.exists():
        return 0
    content = tomllib.loads(path.read_text(encoding="utf-8"))
    now = timezone.now()
    readers = {item["username"]: _reader(item, now) for item in content.get("reader", [])}
    slugs = {item["article"] for item in content.get("comment", [])}
    articles = {page.slug: page for page in ArticlePage.objects.filter(slug__in=slugs)}
    added = 0
    for item in content.get("comment", []):
        article = articles.get(item["article"])
        if article is None:
            continue
        parent = _comment(item, article=article, readers=readers, moderator=moderator, now=now)
        added += parent is not None
        for reply in item.get("reply", []) if parent else []:
            added += (
                _comment(
                    reply,
                    article=article,
                    readers=readers,
                    moderator=moderator,
                    now=now,
                    parent=parent,
                )
                is not None
            )
    return added


def _reader(item: dict, now):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=item["email"],
        defaults={
            "email": item["email"],
            "display_name": item["display_name"],
            "date_joined": now - timedelta(days=item.get("joined_days_ago", 30)),
        },
    )
    if created:
        user.set_password(READER_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _comment(item, *, article, readers, moderator, now, parent=None) -> Comment | None:
    author = readers[item["author"]]
    if Comment.objects.filter(article=article, author=author, body=item["body"].strip()).exists():
        return None
    when = now - timedelta(hours=item["age_hours"])
    comment = Comment(
        article=article, author=author, parent=parent, body=item["body"].strip(), created_at=when
    )
    status = item.get("status", "published")
    if status == "published":
        comment.status = Comment.Status.PUBLISHED
        comment.published_at = when
    elif status == "pending":
        findings = screen(author=author, body=comment.body, now=when)
        comment.status = Comment.Status.PENDING
        comment.held_reason = "\n".join(f.reason for f in findings) or HELD_BY_HAND
        comment.findings = [asdict(finding) for finding in findings]
    else:
        comment.status = Comment.Status.REJECTED
        comment.held_reason = item.get("rejection_reason", "")
        comment.moderated_by = moderator
        comment.moderated_at = when + timedelta(minutes=20)
    comment.save()
    if comment.status == Comment.Status.REJECTED:
        ModerationAction.objects.create(
            kind=ModerationAction.Kind.REJECTED,
            comment=comment,
            reader=author,
            moderator=moderator,
            reason=comment.held_reason,
            created_at=comment.moderated_at,
        )
    reports = item.get("reports", [])
    for number, report in enumerate(reports):
        Report.objects.create(
            comment=comment,
            reporter=readers[report["by"]],
            reason=report["reason"],
            created_at=when + timedelta(minutes=10 * (number + 1)),
        )
    if reports:
        comment.open_reports = len(reports)
        if len(reports) >= settings.QUOTIDIEN_COMMENTS_REPORTS_TO_HOLD:
            comment.status = Comment.Status.PENDING
            comment.held_reason = held_by_reports_reason(len(reports))
        comment.save(update_fields=["open_reports", "status", "held_reason"])
    return comment
