"""The screening as a whole: findings, verdicts, and the rules named in settings."""

import dataclasses
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    REJECT,
    Finding,
    Rule,
    configured_rules,
    decide,
    get_rules,
    screen_comment,
)
from tests.moderation.screening_helpers import (
    context,
    findings,
    hand_written_rules,
    screen,
)


def test_clean_comment_has_no_findings_and_is_published():
    assert screen("Ce gouvernement est incompétent et corrompu.") == []
    assert decide([]) == PUBLISH


def test_reject_wins_over_hold():
    hold = Finding("shouting", HOLD, "…")
    reject = Finding("banned-word", REJECT, "…")
    assert decide([hold, reject, hold]) == REJECT
    assert decide([hold]) == HOLD


def test_a_finding_is_stored_as_json():
    finding = Finding(
        "classifier", HOLD, "Insulte probable", score=0.93, words=("âne",), kind="insulte"
    )
    stored = json.loads(json.dumps(dataclasses.asdict(finding)))
    assert stored == {
        "rule": "classifier",
        "verdict": HOLD,
        "reason": "Insulte probable",
        "score": 0.93,
        "words": ["âne"],
        "kind": "insulte",
        "quoted": False,
    }


def test_every_configured_rule_has_a_code_and_says_what_it_is_for():
    assert [rule.code for rule in hand_written_rules()] == [
        "banned-word", "suspect-word", "dehumanising", "insult", "threat", "shouting", "link",
        "spam", "flood", "personal-data", "duplicate", "rate", "new-account",
    ]  # fmt: skip
    for rule in configured_rules():
        assert isinstance(rule, Rule)
        assert rule.code
        assert type(rule).__doc__


class FlagsBridges(Rule):
    """Holds every comment that speaks of a bridge, as a classifier might."""

    code = "classifier"

    def __init__(self, *, word: str = "pont"):
        super().__init__()
        self.word = word

    def check(self, text, context):
        return self.finding(HOLD, "Le classifieur doute") if self.word in text else None


class Exploding(Rule):
    """Fails on every comment, as a classifier whose model is missing would."""

    code = "exploding"

    def check(self, text, context):
        raise RuntimeError("modèle absent")


class NotARule:
    """Can be built, but has no check method."""


SHOUTING = "quotidien.moderation.screening.shouting.Shouting"


def test_rules_named_in_settings_are_used_in_their_order():
    rules = [{"NAME": f"{__name__}.FlagsBridges"}, {"NAME": SHOUTING}]
    with override_settings(MODERATION_RULES=rules):
        found = screen_comment("LE pont EST FERMÉ DEPUIS TROIS SEMAINES !!!", context())
        assert [f.rule for f in found] == ["classifier", "shouting"]
        assert screen_comment("Quel connard.", context()) == []
    assert screen_comment("Quel connard.", context())[0].rule == "banned-word"


def test_options_reach_the_rule():
    text = "Le Conseil des MINISTRES ne se RÉUNIRA PAS AVANT LUNDI prochain."
    assert "shouting" not in findings(text)
    rules = [{"NAME": SHOUTING, "OPTIONS": {"share": 0.5, "min_letters": 20}}]
    with override_settings(MODERATION_RULES=rules):
        assert findings(text)["shouting"].verdict == HOLD
    (rule,) = get_rules([{"NAME": f"{__name__}.FlagsBridges", "OPTIONS": {"word": "tunnel"}}])
    assert rule.word == "tunnel"


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"NAME": "quotidien.moderation.screening.nowhere.Rule"}, "could not be imported"),
        ({"NAME": f"{__name__}.Absent"}, "could not be imported"),
        ({"OPTIONS": {"share": 0.5}}, "NAME"),
        ({"NAME": SHOUTING, "OPTIONS": {"loudness": 11}}, "loudness"),
        ({"NAME": f"{__name__}.Exploding", "OPTIONS": {"share": 0.5}}, "OPTIONS"),
        ({"NAME": f"{__name__}.NotARule"}, "check"),
    ],
)
def test_a_misconfigured_rule_is_refused_with_a_clear_error(entry, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        get_rules([entry])


def test_failing_rule_is_skipped_and_logged_while_the_others_apply(caplog):
    rules = get_rules(
        [
            {"NAME": "quotidien.moderation.screening.words.BannedWords"},
            {"NAME": f"{__name__}.Exploding"},
            {"NAME": f"{__name__}.FlagsBridges"},
        ]
    )
    found = screen_comment("Quel connard, ce pont.", context(), rules=rules)
    assert [f.rule for f in found] == ["banned-word", "classifier"]
    assert "a échoué" in caplog.text
    assert "modèle absent" in caplog.text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Lisez https://example.org/rapport-2024 et www.exemple-info.com/page avant.",
            "Lien externe : « https://example.org/rapport-2024 », « www.exemple-info.com/page »",
        ),
        ("Tout est là : example.org/rapport.", "Lien externe : « example.org/rapport »"),
        (
            "(Source : https://encyclo.example.org/wiki/Liban_(pays)).",
            "Lien externe : « https://encyclo.example.org/wiki/Liban_(pays) »",
        ),
        ("Voir le site spam.example/promo", "Lien externe : « spam.example/promo »"),
        ("Ici : https://bit.ly/3xYz", "Lien raccourci ou de messagerie : « https://bit.ly/3xYz »"),
    ],
)
def test_each_link_is_named_once_in_the_reason(text, reason):
    assert findings(text)["link"].reason == reason
