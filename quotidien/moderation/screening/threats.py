"""The rule against threats and calls to kill, whether aimed at a reader or at a group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from re import Pattern

from .analysis import Text, analyse, is_sentence_end
from .base import HOLD, REJECT, Context, Finding, Rule
from .targets import Groups, eliminates, group_positions
from .vocabulary import pattern, vocabulary, words


@dataclass(frozen=True)
class _Threat:
    pattern: Pattern[str]
    verdict: str
    reason: str


def _threat(entry: dict) -> _Threat:
    if entry["verdict"] not in (HOLD, REJECT):
        raise ValueError(f"A threat's verdict is {HOLD!r} or {REJECT!r}: {entry['verdict']!r}")
    return _Threat(pattern(entry["pattern"]), entry["verdict"], entry["reason"])


_DATA = vocabulary("threats")
_INCITEMENT = _DATA["incitement"]
_THREATS = tuple(_threat(entry) for entry in _DATA["threat"])
_GROUP_FILLERS = frozenset(words(_DATA["against_group"]["fillers"]))
_WATCH_OUT = pattern(_DATA["watch_out"]["pattern"])
_WATCH_OUT_REASON = _DATA["watch_out"]["reason"]
_CARE = words(_DATA["watch_out"]["care"])


def _opens_sentence(tokens: Sequence[str], groups: Groups, index: int) -> bool:
    """Whether the sentence holding `index` opens on a group word ("Les Syriens, …")."""
    start = index
    while start > 0 and not is_sentence_end(tokens[start - 1]):
        start -= 1
    while start < index and tokens[start] in ("les", "ces", "tous", "toutes", "nos", "vos"):
        start += 1
    return start in groups.strong


def _calls_against_group(text: Text, groups: Groups) -> list[range]:
    """Where the text calls to kill or drive out a group ("exterminer les chiites"): the
    positions of each call, from its verb to the group it names."""
    tokens, calls = text.tokens, []
    for i, token in enumerate(tokens):
        # "les Syriens, il faudrait les éliminer": the group opens the sentence, the call
        # takes it up with a pronoun.
        if (
            eliminates(token)
            and tokens[i - 1 : i] in (("les",), ("l",))
            and _opens_sentence(tokens, groups, i - 1)
        ):
            calls.append(range(i - 1, i + 1))
        elif eliminates(token) or (token == "mort" and tokens[i + 1 : i + 2] in (("aux",), ("a",))):
            position, hops = i + 1, 0
            while position < len(tokens) and hops < 6:
                if position in groups.strong:
                    calls.append(range(i, position + 1))
                    break
                if tokens[position] not in _GROUP_FILLERS:
                    break
                position, hops = position + 1, hops + 1
    return calls


class Threats(Rule):
    """Refuse threats and calls to kill; hold veiled threats ("tu ne perds rien pour
    attendre", "fais attention à toi quand tu sors le soir")."""

    code = "threat"

    def check(self, text: str, context: Context) -> Finding | None:
        analysed = analyse(text)
        groups = group_positions(context.word_lists, analysed)
        against_group = self.finding(REJECT, f"{_INCITEMENT} contre un groupe de personnes")
        if calls := _calls_against_group(analysed, groups):
            # "les tags « mort aux chrétiens » sur l'église" reports the call: the
            # classifier tells it apart from one made between quotation marks for pretence.
            if analysed.only_quoted(calls):
                return self.finding(
                    HOLD,
                    f"{_INCITEMENT} contre un groupe de personnes, entre guillemets",
                    quoted=True,
                )
            return against_group
        reported = None
        for threat in _THREATS:
            found = list(threat.pattern.finditer(analysed.line))
            # "il a reçu « on sait où tu habites »" reports the threat, when each time the
            # comment says it is between quotation marks.
            if found and analysed.only_quoted(map(analysed.span, found)):
                reported = reported or threat
            elif found:
                # "il faut tous les tuer" is refused outright when the comment names a group.
                if threat.reason == _INCITEMENT and groups.strong:
                    return against_group
                return self.finding(threat.verdict, threat.reason)
        if reported:
            return self.finding(HOLD, f"{reported.reason}, entre guillemets", quoted=True)
        found = list(_WATCH_OUT.finditer(analysed.line))
        if found and not any(word in analysed.line for word in _CARE):
            quoted = analysed.only_quoted(map(analysed.span, found))
            return self.finding(HOLD, _WATCH_OUT_REASON, quoted=quoted)
        return None
