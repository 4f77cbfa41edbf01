"""Words reported between quotation marks: the hand-written rules see a slur, a threat or a
dehumanising term, and cannot tell a reader who condemns it from one who endorses it; the
classifier, which reads the whole comment, decides.
"""

import pytest

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    REJECT,
    Finding,
    Rule,
    decide,
    screen_comment,
)
from tests.moderation.screening_helpers import context, findings, hand_written_rules

REPORTS = {
    "banned-word": "Il a traité son adversaire de « connard » en direct : indigne d'un élu.",
    "threat": "Les tags « mort aux chrétiens » sur l'église de Zahlé sont une honte.",
    "dehumanising": (
        "Quand un député dit que les réfugiés sont « une maladie », il faut le rappeler à l'ordre."
    ),
    "suspect-word": "Le mot « imbécile » n'a rien à faire dans un débat entre ministres.",
}


class Judge(Rule):
    """A classifier that reads the whole comment, as configured tests want it."""

    code = "classifier"
    judges_quotations = True

    def __init__(self, finding: Finding | None = None, fails: bool = False) -> None:
        super().__init__()
        self.found, self.fails = finding, fails

    def check(self, text, context):
        if self.fails:
            raise RuntimeError("modèle illisible")
        return self.found


def screened(text: str, judge: Rule | None) -> list[Finding]:
    rules = hand_written_rules() + ([judge] if judge else [])
    return screen_comment(text, context(), rules=rules)


@pytest.mark.parametrize("rule, text", REPORTS.items())
def test_the_rules_mark_what_they_found_only_between_quotation_marks(rule, text):
    found = findings(text)[rule]
    assert found.quoted
    assert found.verdict == HOLD
    assert "entre guillemets" in found.reason


@pytest.mark.parametrize(
    "rule, text",
    [
        ("banned-word", "Il a traité son adversaire de connard en direct : indigne d'un élu."),
        ("threat", "Les tags disent mort aux chrétiens, et ils ont raison."),
        ("dehumanising", "Les réfugiés sont une maladie, il faut le dire."),
        ("suspect-word", "Quel imbécile, ce ministre."),
    ],
)
def test_what_is_said_outside_quotation_marks_is_not_marked(rule, text):
    found = findings(text)[rule]
    assert not found.quoted
    assert "entre guillemets" not in found.reason


@pytest.mark.parametrize("text", REPORTS.values())
def test_a_report_the_classifier_finds_acceptable_is_published(text):
    assert decide(screened(text, Judge())) == PUBLISH


@pytest.mark.parametrize("text", REPORTS.values())
def test_a_report_the_classifier_finds_harmful_is_held_with_every_reason(text):
    verdict = Finding("classifier", HOLD, "Propos haineux probables (0,81)", score=0.81)

    found = screened(text, Judge(verdict))

    assert decide(found) == HOLD
    assert found[-1] == verdict
    assert any(f.quoted for f in found)


@pytest.mark.parametrize("text", REPORTS.values())
def test_without_a_classifier_or_when_it_fails_the_report_waits_for_a_moderator(text):
    assert decide(screened(text, None)) == HOLD
    assert decide(screened(text, Judge(fails=True))) == HOLD


def test_what_else_the_rules_find_in_a_report_still_counts():
    text = "Il a traité son adversaire de « connard ». Écrivez-moi sur WhatsApp au 70 123 456."
    found = screened(text, Judge())
    assert decide(found) == REJECT
    assert {f.rule for f in found} >= {"spam"}
    assert "banned-word" not in {f.rule for f in found}


@pytest.mark.parametrize(
    "rule, text",
    [
        (
            "threat",
            "Il a reçu « on sait où tu habites », et moi je te le dis : on sait où tu habites.",
        ),
        (
            "dehumanising",
            "Un député dit que les réfugiés sont « une maladie » : sales Syriens, il a raison.",
        ),
        ("banned-word", "Il l'a traité de « connard » en direct, et toi tu es un c*nnard."),
    ],
)
def test_words_said_outside_the_quotation_too_are_not_left_to_the_classifier(rule, text):
    found = findings(text)[rule]
    assert not found.quoted
    assert decide(screened(text, Judge())) != PUBLISH


class PlainRule:
    """A rule of another package, which does not derive from Rule."""

    code = "plain"

    def check(self, text, context):
        return None


def test_a_rule_that_is_no_rule_subclass_still_screens():
    found = screen_comment(REPORTS["threat"], context(), rules=[*hand_written_rules(), PlainRule()])
    assert decide(found) == HOLD
