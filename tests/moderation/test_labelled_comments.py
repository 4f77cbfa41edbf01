"""The screening against the project's own labelled comments (bench/screening/comments.toml)."""

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from quotidien.moderation.screening import (
    PUBLISH,
    Context,
    configured_rules,
    decide,
    screen_comment,
)

LABELLED = Path(__file__).resolve().parents[2] / "bench" / "screening" / "comments.toml"


@pytest.fixture(scope="module")
def comments() -> list[dict]:
    return tomllib.loads(LABELLED.read_text(encoding="utf-8"))["comment"]


def stopped(comment: dict) -> bool:
    """Held or refused by the hand-written rules (a classifier plugged in beside them is
    measured on its own), for an author with a history: the new-account rule stays silent."""
    package = "quotidien.moderation.screening."
    rules = [rule for rule in configured_rules() if type(rule).__module__.startswith(package)]
    return decide(screen_comment(comment["text"], Context.established(), rules=rules)) != PUBLISH


def test_labelled_set_is_half_harmful_half_acceptable_across_all_categories(comments):
    assert len(comments) >= 60
    harmful = Counter(c["category"] for c in comments if c["harmful"])
    acceptable = Counter(c["category"] for c in comments if not c["harmful"])
    assert sum(harmful.values()) == sum(acceptable.values())
    assert set(harmful) == {
        "insulte", "deshumanisant", "menace", "cris", "spam", "donnees-personnelles"
    }  # fmt: skip
    assert set(acceptable) >= {"opinion", "citation", "question", "correction", "arabe", "innocent"}


def test_screening_stops_at_least_nine_harmful_comments_in_ten(comments):
    harmful = [c for c in comments if c["harmful"]]
    missed = [c["text"] for c in harmful if not stopped(c)]
    assert 1 - len(missed) / len(harmful) >= 0.9, missed


def test_screening_holds_at_most_one_acceptable_comment_in_ten(comments):
    acceptable = [c for c in comments if not c["harmful"]]
    held = [c["text"] for c in acceptable if stopped(c)]
    assert len(held) / len(acceptable) <= 0.10, held
