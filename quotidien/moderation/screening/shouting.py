"""The rule against comments written mostly in capitals."""

from __future__ import annotations

import re

from quotidien.text import fold_loosely

from .base import HOLD, Context, Finding, Rule
from .vocabulary import vocabulary, words

ACRONYMS = frozenset(words(vocabulary("shouting")["acronyms"]))
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyAEIOUY")


def _shouting_share(text: str) -> tuple[float, int]:
    """The share of capitals among the cased letters, and how many cased letters there are;
    acronyms and short words in capitals ("BDL", "PSG") are left out."""
    upper = cased = 0
    for word in _LETTERS.findall(text):
        if word.isupper():
            plain = fold_loosely(word)
            short = len(plain) <= 4 and sum(c in _VOWELS for c in plain) <= 1
            if len(plain) <= 2 or plain in ACRONYMS or short:
                continue
        for char in word:
            if char.isupper():
                upper += 1
                cased += 1
            elif char.islower():
                cased += 1
    return (upper / cased if cased else 0.0), cased


class Shouting(Rule):
    """Hold a comment written mostly in capitals (acronyms and unicase scripts aside).

    OPTIONS: `share`, the share of capitals from which a comment shouts, among at least
    `min_letters` cased letters (shorter comments are left alone: "BRAVO aux pompiers !").
    """

    code = "shouting"

    def __init__(self, *, share: float = 0.7, min_letters: int = 20) -> None:
        super().__init__()
        self.share = share
        self.min_letters = min_letters

    def check(self, text: str, context: Context) -> Finding | None:
        share, cased = _shouting_share(text)
        if cased >= self.min_letters and share >= self.share:
            return self.finding(
                HOLD, f"Commentaire écrit en majuscules ({round(share * 100)} % des lettres)"
            )
        return None
