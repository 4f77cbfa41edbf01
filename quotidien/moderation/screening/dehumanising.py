"""The rule against dehumanising language aimed at a group of people."""

from __future__ import annotations

from collections.abc import Sequence

from .analysis import Text, analyse
from .base import HOLD, REJECT, Context, Finding, Rule, quote
from .lexicon import matches
from .targets import (
    DEMONSTRATIVES,
    Groups,
    condemns_quotation,
    eliminates,
    group_before,
    group_positions,
    term_targets,
)
from .vocabulary import pattern, vocabulary, words

_DATA = vocabulary("dehumanising")
_BREEDING_VERBS = frozenset(words(_DATA["breeding_verbs"]))
_BEFORE_BREEDING = frozenset(words(_DATA["before_breeding"]))
_BREEDING_PHRASE = pattern(_DATA["breeding_phrase"])
_SWARM_NOUNS = frozenset(words(_DATA["swarm_nouns"]))
_WORTHLESS = frozenset(words(_DATA["worthless"]))
_GROUP_SHAPED = pattern(_DATA["group_shaped"])
_NOT_GROUPS = frozenset(words(_DATA["not_groups"]))


def _beside_group_shaped(text: Text, lists) -> list[str]:
    """Listed terms right beside a word shaped like a group's name that no list holds:
    "les bactéries salafistowahabites", "leurs alliés bactéries wahabites"."""
    tokens, found = text.tokens, []
    for match in matches(lists.dehumanising, text):
        for near in (match.start - 1, match.end):
            if 0 <= near < len(tokens) and near not in text.quoted:
                word = tokens[near]
                if _GROUP_SHAPED.match(word) and word not in _NOT_GROUPS:
                    found.append(
                        " ".join(tokens[min(near, match.start) : max(near + 1, match.end)])
                    )
    if found and condemns_quotation(text):
        return []
    return found


def _is_subject(tokens: Sequence[str], groups: Groups, last: int) -> bool:
    """Whether the group word ending at `last` starts its clause, or follows only a
    determiner: "ces réfugiés", "des Syriens", not "les écoles des réfugiés"."""
    first = last
    while first - 1 in groups.strong:
        first -= 1
    position = first - 1
    if position >= 0 and tokens[position] in DEMONSTRATIVES | {"les", "des", "nos", "vos"}:
        position -= 1
        if tokens[position + 1] == "des" and position >= 0 and tokens[position][0].isalnum():
            return False
    return position < 0 or not tokens[position][0].isalnum() or tokens[position] == "et"


def _group_predicates(text: Text, groups: Groups) -> list[str]:
    """Dehumanising things said of a group without a listed term: breeding, swarming, or
    being "good only for" something."""
    tokens, found = text.tokens, []
    for i, token in enumerate(tokens):
        if token in _BREEDING_VERBS:
            back = i - 1
            while back >= 0 and i - back <= 4 and tokens[back] in _BEFORE_BREEDING:
                back -= 1
            if back >= 0 and (
                (back in groups.strong and _is_subject(tokens, groups, back))
                or (back in groups.pronouns and group_before(tokens, groups, back - 1, 12))
            ):
                found.append((i, token))
        elif token in _SWARM_NOUNS and tokens[i + 1 : i + 2] in (("de",), ("d",)):
            if i + 2 in groups.strong or (
                tokens[i + 2 : i + 3] in (("sales",), ("ces",)) and i + 3 in groups.strong
            ):
                found.append((i, f"{token} de {tokens[i + 2]}"))
        elif (
            token in _WORTHLESS
            and tokens[i + 1 : i + 3] in (("qu", "a"), ("qu", "au"))
            and tokens[i - 1 : i] in (("sont",), ("est",), ("seront",), ("etaient",))
            and group_before(tokens, groups, i - 1, window=8)
        ):
            found.append((i, f"{token} qu'à"))
    for match in _BREEDING_PHRASE.finditer(text.line):
        i = text.span(match).start
        if group_before(tokens, groups, i, window=10):
            found.append((i, match.group(0)))
    if found and condemns_quotation(text):
        found = [(i, phrase) for i, phrase in found if i not in text.quoted]
    return [phrase for _, phrase in found]


def _only_quoted(text: Text, lists, terms: Sequence[str]) -> bool:
    """Whether every one of `terms` is a listed term reported between quotation marks:
    "un député dit que les réfugiés sont « une maladie », il faut le rappeler à l'ordre"."""
    listed = [m for m in matches(lists.dehumanising, text) if m.entry in terms]
    if not listed or {m.entry for m in listed} != set(terms):
        return False
    return text.only_quoted(range(m.start, m.end) for m in listed)


class Dehumanising(Rule):
    """Hold dehumanising terms aimed at a group of people ("ces gens sont des rats", "une
    horde de migrants") and slurs ("sales Syriens"); refuse them with a call to eliminate it.
    """

    code = "dehumanising"

    def check(self, text: str, context: Context) -> Finding | None:
        analysed = analyse(text)
        lists = context.word_lists
        terms = [term for term, target in term_targets(text, lists) if target == "group"]
        groups = group_positions(lists, analysed)
        terms += _group_predicates(analysed, groups)
        terms += _beside_group_shaped(analysed, lists)
        slurs = [
            f"{analysed.tokens[i - 1]} {analysed.tokens[i]}"
            for i in sorted(groups.strong)
            if i > 0
            and analysed.tokens[i - 1] in ("sale", "sales")
            and i - 1 not in groups.strong
            and i not in analysed.quoted  # "ils l'ont traité de « sale Syrien »" reports it
        ]
        if not terms and not slurs:
            return None
        if terms and any(eliminates(t) for t in analysed.tokens):
            return self.finding(
                REJECT,
                "Termes déshumanisants visant un groupe, avec un appel à l'éliminer : "
                + quote(terms),
            )
        if terms:
            quoted = not slurs and _only_quoted(analysed, lists, terms)
            where = ", entre guillemets" if quoted else ""
            return self.finding(
                HOLD,
                f"Terme dégradant ou déshumanisant visant un groupe{where} : {quote(terms)}",
                quoted=quoted,
            )
        return self.finding(HOLD, f"Insulte visant un groupe : {quote(slurs)}")
