"""The rule against degrading terms thrown at a person: "tu es un âne", "espèce de menteur",
"ferme-la", "tu es vraiment bête". Insults reported between quotation marks pass."""

from __future__ import annotations

from .analysis import Text, analyse, sentence_around
from .base import HOLD, Context, Finding, Rule, quote
from .targets import SECOND_PERSON, SPOKEN_TO, term_targets
from .vocabulary import pattern, vocabulary, words

_DATA = vocabulary("insults")
_DISMISSALS = pattern(_DATA["dismissals"])
_STUPID = pattern(_DATA["stupid"])
_BRAINLESS = pattern(_DATA["brainless"])
_FOND = frozenset(words(_DATA["fond"]))


def _name_calling(text: Text) -> list[str]:
    """Name-calling said to someone, whatever the word: "espèce de …", ", gros … !"."""
    tokens, found = text.tokens, []
    for i, token in enumerate(tokens[:-1]):
        word = tokens[i + 1]
        if token not in ("gros", "grosse", "sale") or not word[0].isalnum() or word in _FOND:
            continue
        if i in text.quoted:
            continue
        alone = (i == 0 or tokens[i - 1] == ",") and (
            i + 2 == len(tokens) or not tokens[i + 2][0].isalnum()
        )
        if alone and SPOKEN_TO.intersection(sentence_around(tokens, i)):
            found.append(f"{token} {word}")
    for i, token in enumerate(tokens[:-2]):
        if token not in ("espece", "bande", "ramassis") or tokens[i + 1] not in ("de", "d"):
            continue
        word = tokens[i + 2]
        if not word[0].isalnum() or word == "gaza" or i in text.quoted:
            continue
        before = tokens[i - 1] if i else "."
        vocative = not before[0].isalnum() or before in SECOND_PERSON
        addressed = before in ("un", "une") and i >= 2 and tokens[i - 2] in ("es", "etes")
        if vocative or addressed:
            found.append(f"{token} {tokens[i + 1]} {word}")
    return found


def _dismissals(text: Text) -> list[str]:
    """Orders to shut up or go away, and "you are stupid", said to a reader (not quoted)."""
    line = text.line
    return [
        m.group(0).strip()
        for pattern in (_DISMISSALS, _STUPID, _BRAINLESS)
        for m in pattern.finditer(line)
        if line.count(" ", 0, m.end()) not in text.quoted
    ]


class Insults(Rule):
    """Hold a degrading term thrown at someone ("tu es un âne", "espèce de menteur")."""

    code = "insult"

    def check(self, text: str, context: Context) -> Finding | None:
        analysed = analyse(text)
        terms = [
            term for term, target in term_targets(text, context.word_lists) if target == "reader"
        ]
        terms += _name_calling(analysed)
        terms += _dismissals(analysed)
        if terms:
            return self.finding(HOLD, f"Terme dégradant adressé à une personne : {quote(terms)}")
        return None
