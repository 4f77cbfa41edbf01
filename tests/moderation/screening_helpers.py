"""What the screening tests share: an established reader's context and the hand-written
rules, as configured, without a statistical classifier plugged in beside them."""

import dataclasses

from quotidien.moderation.screening import (
    Context,
    Finding,
    Rule,
    configured_rules,
    decide,
    screen_comment,
)


def context(**history) -> Context:
    """An established reader's context, with what a test says of the author's history."""
    return dataclasses.replace(Context.established(), **history)


def hand_written_rules() -> list[Rule]:
    """The rules of MODERATION_RULES written in the screening package, as configured; a
    statistical classifier plugged in beside them is tested on its own."""
    package = "quotidien.moderation.screening."
    return [rule for rule in configured_rules() if type(rule).__module__.startswith(package)]


def screen(text: str, **history) -> list[Finding]:
    return screen_comment(text, context(**history), rules=hand_written_rules())


def verdict(text: str, **history) -> str:
    return decide(screen(text, **history))


def findings(text: str, **history) -> dict[str, Finding]:
    return {f.rule: f for f in screen(text, **history)}
