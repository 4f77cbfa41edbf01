"""Whom a degrading term is aimed at: a group of people, the reader addressed, or nobody.

"Les Syriens sont de la vermine" aims at a group, "tu es un âne" at a reader; "les rats du
port", "traités comme des chiens" or a quotation condemned by the comment aim at nobody.
The dehumanising, insult and threat rules share this reading of a comment, computed once
per comment and word lists.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from quotidien.text import fold_loosely

from .analysis import Text, analyse, is_sentence_end, sentence_around
from .base import WordLists
from .lexicon import find, lexicon, matches
from .vocabulary import pattern, vocabulary, words

_DATA = vocabulary("targets")
_FILLERS = frozenset(words(_DATA["fillers"]))
_DETERMINERS = frozenset(words(_DATA["determiners"]))
_IDENTIFY = frozenset(words(_DATA["identify"]))
_SWARMING = words(_DATA["swarming_prefixes"])
_CLEFT = pattern(_DATA["cleft"])
_CONTEMPT_MODIFIERS = frozenset(words(_DATA["contempt_modifiers"]))
_PITYING = frozenset(words(_DATA["pitying"]))
_AFTER_NAME_CALLING = frozenset(words(_DATA["after_name_calling"]))
_VICTIM_VERBS = words(_DATA["victim_verb_prefixes"])
_NEGATIONS = frozenset(words(_DATA["negations"]))
_PRONOUNS = frozenset(words(_DATA["pronouns"]))
_PREPOSITIONS = frozenset(words(_DATA["prepositions"]))
_ELIMINATE = words(_DATA["eliminate_prefixes"])
_ELIMINATE_WORDS = frozenset(words(_DATA["eliminate_words"]))
_CONDEMNATION = words(_DATA["condemnation_prefixes"])
SPOKEN_TO = frozenset(words(_DATA["spoken_to"]))
DEMONSTRATIVES = frozenset(words(_DATA["demonstratives"]))
SECOND_PERSON = frozenset(words(_DATA["second_person"]))
# Punctuation that sets a term beside what it names: "les Syriens, des cafards".
_APPOSITION = frozenset(",:=?-")


def eliminates(token: str) -> bool:
    """Whether the token calls to eliminate ("éradiquer", "tuez")."""
    return token in _ELIMINATE_WORDS or token.startswith(_ELIMINATE)


@dataclass(frozen=True)
class Groups:
    """Where a comment names groups of people."""

    strong: frozenset[int]  # token positions of group words ("Syriens", "ces gens")
    pronouns: frozenset[int]  # positions of "ils", "elles", "eux"


def group_positions(lists: WordLists, text: Text) -> Groups:
    """Where `text` names a group of the groups list."""
    return _cached_groups(lists.groups, text)


@functools.lru_cache(maxsize=256)
def _cached_groups(entries: frozenset[str], text: Text) -> Groups:
    strong, pronouns = set(), set()
    for match in find(lexicon(entries), text):
        positions = range(match.start, match.end)
        if fold_loosely(match.entry) in _PRONOUNS:
            pronouns.update(positions)
        else:
            strong.update(positions)
    return Groups(frozenset(strong), frozenset(pronouns))


def skip_back(tokens: Sequence[str], index: int, limit: int = 5) -> tuple[int, bool]:
    """The position before `index` once fillers are skipped, and whether a determiner was."""
    position, determiner = index - 1, False
    while position >= 0 and limit and tokens[position] in _FILLERS:
        determiner |= tokens[position] in _DETERMINERS
        position -= 1
        limit -= 1
    return position, determiner


def group_before(tokens, groups: Groups, position: int, window: int = 6) -> bool:
    """A group word in the few tokens before `position`, within the sentence."""
    for back in range(position, max(position - window, -1), -1):
        if is_sentence_end(tokens[back]):
            return False
        if back in groups.strong:
            return True
    return False


def _group_after(tokens, groups: Groups, position: int) -> bool:
    """A group word set after a comma later in the sentence, with no preposition before it.

    "c'est de la vermine, chiites ou sunnites" names the group; "c'est la peste pour les
    électeurs chrétiens" does not.
    """
    mark = None
    for ahead in range(position, len(tokens)):
        token = tokens[ahead]
        if is_sentence_end(token):
            return False
        if token in (",", ":", "-"):
            mark = ahead
        elif mark is not None and token in _PREPOSITIONS:
            mark = None
        elif mark is not None and ahead in groups.strong:
            return True
    return False


def _target(tokens: Sequence[str], groups: Groups, index: int, end: int) -> str | None:
    """Whom the term at tokens[index:end] is applied to: "group", "reader" or None."""
    position, determiner = skip_back(tokens, index)
    before = tokens[position] if position >= 0 else ""
    # "cette vermine syrienne", "ces rats de réfugiés"
    if end in groups.strong or (
        tokens[end : end + 1] in (("de",), ("d",)) and end + 1 in groups.strong
    ):
        return "group"
    # "espèce d'âne", "bande de chiens", "sale rat": name-calling, unless "une espèce de …"
    if tokens[index - 1 : index] in (("sale",), ("sales",)) or (
        tokens[max(index - 2, 0) : index] in (("espece", "de"), ("espece", "d"), ("bande", "de"))
        and (index < 3 or tokens[index - 3] not in _DETERMINERS)
    ):
        return "reader"
    # "ces réfugiés pullulent dans nos villages comme des rats", "tu parles comme un âne"
    if before == "comme" and (position == 0 or tokens[position - 1] not in _IDENTIFY):
        compared = _compared(tokens, groups, position)
        if compared:
            return compared
    # "ces gens sont des rats", "tu es un âne", "ils se reproduisent comme des rats"
    if before == "comme" and position > 0:
        if tokens[position - 1] in _IDENTIFY:
            position, before = position - 1, tokens[position - 1]
        elif not tokens[position - 1].startswith(_SWARMING):
            before = ""
    if before in _IDENTIFY or before == "comme":
        # "les réfugiés ne sont pas des cafards" defends them; "ne sont que des" does not.
        if _NEGATIONS.intersection(tokens[position:index]):
            return None
        subject = position - 2 if before == "comme" else position - 1
        while subject >= 0 and tokens[subject] in ("ne", "n", "se", "s", "tous", "toutes"):
            subject -= 1
        if subject < 0:
            return None
        if tokens[subject] in SECOND_PERSON:
            return "reader"
        if subject in groups.pronouns or group_before(tokens, groups, subject):
            return "group"
        if tokens[subject] in ("ce", "c") and _group_after(tokens, groups, end):
            return "group"
        return None
    # "… le rat que tu es"; "petit morveux, …" said to someone
    if tokens[end : end + 3] in (("que", "tu", "es"), ("qu", "tu", "es")):
        return "reader"
    if (
        index > 0
        and tokens[index - 1] in _CONTEMPT_MODIFIERS
        and (index < 2 or tokens[index - 2] not in _DETERMINERS)
        # "pauvre chien, abandonné sur l'autoroute" pities an animal
        and (
            tokens[index - 1] not in _PITYING
            or SPOKEN_TO.intersection(sentence_around(tokens, index))
        )
        and (
            end == len(tokens) or not tokens[end][0].isalnum() or tokens[end] in _AFTER_NAME_CALLING
        )
    ):
        return "reader"
    # "va te cacher, guignol !": a term alone after a comma, in a sentence said to someone
    if before == "," and (end == len(tokens) or not tokens[end][0].isalnum()):
        sentence = sentence_around(tokens, index)
        if SPOKEN_TO.intersection(sentence):
            return "reader"
    # "des parasites, voilà ce que sont ces réfugiés"
    cleft = _CLEFT.match(" ".join(tokens[end : end + 8]))
    if cleft:
        subject = end + len(cleft.group(0).split())
        if any(p in groups.strong for p in range(subject, subject + 3)):
            return "group"
    # "ces cafards de …" with a group word nearby in the sentence
    if before in DEMONSTRATIVES and group_before(tokens, groups, position - 1, window=8):
        return "group"
    # "les Syriens, des cafards", "les réfugiés ? De la vermine", "eux ? des chiens"
    if (determiner and before in _APPOSITION) or before == "=":
        position -= 1
        for back in range(position, max(position - 8, -1), -1):
            if is_sentence_end(tokens[back]):
                break
            if back in groups.strong or back in groups.pronouns:
                return "group"
    return None


def _compared(tokens: Sequence[str], groups: Groups, position: int) -> str | None:
    """Whom a comparison "comme des …" at `position` is about: the group or reader that leads
    the sentence, unless the sentence pities them ("traités comme des chiens")."""
    start = position
    while start > 0 and position - start < 14 and not is_sentence_end(tokens[start - 1]):
        start -= 1
    clause = tokens[start:position]
    if any(t in _NEGATIONS or t.startswith(_VICTIM_VERBS) for t in clause):
        return None
    for back in range(position - 1, start - 1, -1):
        if back in groups.strong:
            return "group"
        if tokens[back] in SECOND_PERSON and position - back <= 6:
            return "reader"
    return None


def term_targets(text: str, lists: WordLists) -> tuple[tuple[str, str], ...]:
    """The terms of the dehumanising list in `text` that aim at someone, each with whom it
    aims at: "group" or "reader"."""
    return _cached_targets(lists.dehumanising, lists.groups, analyse(text))


@functools.lru_cache(maxsize=256)
def _cached_targets(
    terms: frozenset[str], group_entries: frozenset[str], text: Text
) -> tuple[tuple[str, str], ...]:
    groups = _cached_groups(group_entries, text)
    targets: list[tuple[str, str]] = []
    previous: tuple[int, str | None] = (-99, None)
    condemned = condemns_quotation(text)
    for match in matches(terms, text):
        if condemned and match.start in text.quoted:
            continue
        target = _target(text.tokens, groups, match.start, match.end)
        # "des moutons et des ânes": a term joined to the one before shares its target.
        if target is None and match.start - previous[0] <= 5:
            position, _ = skip_back(text.tokens, match.start, limit=2)
            if position >= 0 and text.tokens[position] in ("et", "ou", ","):
                target = previous[1]
        # An insult between quotation marks is reported, not thrown: "traité de « menteur »".
        if target == "reader" and match.start in text.quoted:
            target = None
        if target:
            targets.append((match.entry, target))
        previous = (match.end, target)
    return tuple(targets)


def condemns_quotation(text: Text) -> bool:
    """Whether the comment quotes words and, outside the quotation, condemns them."""
    return bool(text.quoted) and any(
        token.startswith(_CONDEMNATION)
        for i, token in enumerate(text.tokens)
        if i not in text.quoted
    )
