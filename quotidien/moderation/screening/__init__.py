"""Automatic screening of reader comments before they are published.

Each check is a small `Rule` class: given the text of a comment and its `Context` (the
word lists in force, what its author posted lately), it returns a `Finding` (a verdict
and a reason a moderator can read, in French) or None. The rules in force, their order
and their options are named in settings.MODERATION_RULES (see `registry`);
`screen_comment` runs them and `decide` turns the findings into "publish", "hold" or
"reject". Nothing here touches the database: `moderation.services.screen` gathers the
author's history and the word lists into a `Context`.

Words are compared after folding: case, accents, ligatures, repeated letters ("connnard"),
digits or signs standing for letters ("c0nnard", "s@lope"), letters spelt out one by one
("c.o.n.n.a.r.d"), elisions (l', d', qu') and the usual plural and feminine endings. The
vocabularies and patterns the rules look for are in `data/*.toml`; the word lists
moderators edit are in `moderation/wordlists/`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .base import (
    HOLD,
    PUBLISH,
    REJECT,
    Context,
    Finding,
    Rule,
    Thresholds,
    WordLists,
    default_word_lists,
    parse_word_list,
)
from .registry import configured_rules, get_rules

__all__ = [
    "HOLD",
    "PUBLISH",
    "REJECT",
    "Context",
    "Finding",
    "Rule",
    "Thresholds",
    "WordLists",
    "configured_rules",
    "decide",
    "default_word_lists",
    "get_rules",
    "parse_word_list",
    "screen_comment",
]

logger = logging.getLogger(__name__)


def screen_comment(
    text: str, context: Context, *, rules: Iterable[Rule] | None = None
) -> list[Finding]:
    """Every finding on `text`, posted in `context`, in the order of the rules; an empty
    list means publish. The rules are those of settings.MODERATION_RULES unless given.

    A rule that fails is logged and skipped: a broken rule or classifier must not stop
    readers from posting, and the other rules still apply.

    Words a rule found only between quotation marks (`Finding.quoted`: "il a traité la
    ministre de « … », c'est indigne") are left to the rules that judge quotations, the
    classifier: when every such rule read the comment and found nothing, those findings
    are dropped; without such a rule, or when it fails, they stand.
    """
    findings = []
    cleared = []  # for each rule that judges quotations, whether it found nothing
    for rule in configured_rules() if rules is None else rules:
        try:
            finding = rule.check(text, context)
        except Exception:
            logger.exception("La règle %r a échoué ; commentaire examiné sans elle.", rule)
            continue
        if finding:
            findings.append(finding)
        if getattr(rule, "judges_quotations", False):
            cleared.append(finding is None)
    if cleared and all(cleared):
        return [finding for finding in findings if not finding.quoted]
    return findings


def decide(findings: Iterable[Finding]) -> str:
    """The outcome of the findings: REJECT wins over HOLD, and no finding means PUBLISH."""
    verdicts = {finding.verdict for finding in findings}
    if REJECT in verdicts:
        return REJECT
    if HOLD in verdicts:
        return HOLD
    return PUBLISH
