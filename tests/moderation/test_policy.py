"""The newsroom's comment policy applied to posted comments, and the screening wired in."""

from datetime import timedelta

import pytest

from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit
from quotidien.moderation.models import ModerationAction, WordList
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


def test_a_plugged_scorer_can_hold_a_comment(settings, article, make_reader):
    settings.MODERATION_SCORERS = ["tests.moderation.test_policy.suspicious_scorer"]

    comment = comment_submit(article=article, author=make_reader(), body="Texte anodin 42.")

    assert comment.status == Comment.Status.PENDING
    assert "Classifieur" in comment.held_reason


def suspicious_scorer(text):
    from quotidien.moderation.screening import HOLD, Finding

    if "42" in text:
        return Finding(rule="classifier", verdict=HOLD, reason="Classifieur : score 0,93")
    return None
