"""The newsroom's comment policy applied to posted comments, and the screening wired in."""

from datetime import timedelta

import pytest

from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit
from quotidien.moderation.models import ModerationAction, WordList
from quotidien.moderation.screening import HOLD, Finding, Rule
from quotidien.moderation.wordlists import current_word_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(make_section, make_article):
    return make_article(make_section("Économie"), "Le prix du pain augmente")


def test_edited_word_list_takes_effect_at_once(article, make_reader):
    author = make_reader()
    word_list = WordList.objects.get(kind="banned")
    assert "magouilleur" not in current_word_lists().banned

    word_list.words += "\nmagouilleur\n"
    word_list.save()

    comment = comment_submit(article=article, author=author, body="Ce magouilleur de ministre.")
    assert comment.status == Comment.Status.REJECTED


def test_held_comment_is_logged_as_screened_with_its_reasons(article, make_reader):
    newcomer = make_reader(age=timedelta(minutes=1))

    comment = comment_submit(article=article, author=newcomer, body="Bonjour à la rédaction.")

    action = ModerationAction.objects.get(comment=comment)
    assert action.kind == ModerationAction.Kind.SCREENED
    assert action.moderator is None
    assert action.reason == comment.held_reason != ""


def test_too_many_comments_in_a_minute_are_held(article, make_reader):
    author = make_reader()

    comments = [
        comment_submit(article=article, author=author, body=f"Réaction numéro {n}.")
        for n in range(6)
    ]

    assert comments[0].status == Comment.Status.PUBLISHED
    assert comments[-1].status == Comment.Status.PENDING
    assert "Trop de commentaires en une minute" in comments[-1].held_reason


def test_a_plugged_rule_can_hold_a_comment(settings, article, make_reader):
    settings.MODERATION_RULES = [
        *settings.MODERATION_RULES,
        {"NAME": "tests.moderation.test_policy.Suspicious", "OPTIONS": {"score": 0.93}},
    ]

    comment = comment_submit(article=article, author=make_reader(), body="Texte anodin 42.")

    assert comment.status == Comment.Status.PENDING
    assert "Soupçon : score 0,93" in comment.held_reason
    comment.refresh_from_db()
    assert {
        "rule": "suspicious",
        "verdict": HOLD,
        "reason": "Soupçon : score 0,93",
        "score": 0.93,
        "words": ["42"],
        "kind": "",
        "quoted": False,
    } in comment.findings


class Suspicious(Rule):
    """Finds every comment with "42" in it suspicious, as a classifier might."""

    code = "suspicious"

    def __init__(self, *, score: float):
        super().__init__()
        self.score = score

    def check(self, text, context):
        if "42" not in text:
            return None
        reason = f"Soupçon : score {self.score}".replace(".", ",")
        return Finding(self.code, HOLD, reason, score=self.score, words=("42",))
