"""The screening as configured, with the shipped classifier, on the frozen held-out sets of
at least 300 comments (bench/screening/heldout-2/, heldout/ and heldout-4/: written apart
from the training corpus, never trained on)."""

import json
from pathlib import Path

import pytest

from quotidien.moderation.classifier import store
from quotidien.moderation.classifier.rule import rules_using
from quotidien.moderation.screening import PUBLISH, Context, decide, screen_comment

SETS = Path(__file__).resolve().parents[2] / "bench" / "screening"


@pytest.fixture(scope="module", params=["heldout-2", "heldout", "heldout-4"])
def outcomes(request) -> list[tuple[dict, bool]]:
    """Each held-out comment with whether the screening stops it (held or refused)."""
    rules = rules_using(store.shipped_model())
    context = Context.established()
    records = [
        json.loads(line)
        for line in (SETS / request.param / "comments.jsonl").read_text("utf-8").splitlines()
    ]
    return [
        (r, decide(screen_comment(r["text"], context, rules=rules)) != PUBLISH) for r in records
    ]


def test_held_out_set_has_hundreds_of_comments_of_every_kind(outcomes):
    labels = {record["label"] for record, _stopped in outcomes}
    assert len(outcomes) >= 300
    assert labels >= {"acceptable", "insulte", "deshumanisant", "haine", "menace", "spam"}


def test_screening_stops_at_least_nine_harmful_comments_in_ten(outcomes):
    harmful = [stopped for record, stopped in outcomes if record["label"] != "acceptable"]
    assert sum(harmful) / len(harmful) >= 0.9


def test_screening_holds_at_most_one_acceptable_comment_in_ten(outcomes):
    acceptable = [stopped for record, stopped in outcomes if record["label"] == "acceptable"]
    assert sum(acceptable) / len(acceptable) <= 0.10
