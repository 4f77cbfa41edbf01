"""Hashed features of a comment, the same for training and for screening.

A comment is folded (case, accents, ligatures), cut into words, and described by:
the character n-grams of each word (2 to 5 letters, word edges marked), each word
and each pair of neighbouring words, and a few signs of form (share of capitals,
length, links, e-mail addresses, long runs of digits). Each feature is hashed into
one of `2 ** bits` slots, with a sign, so that the model has a fixed size whatever
the vocabulary; `explain` needs to know which word each feature came from, so
features are produced word by word.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from quotidien.text import fold_loosely, without_invisible

_WORD = re.compile(r"[^\W_]+(?:[*@$][^\W_]+)*")
_REPEATS = re.compile(r"(.)\1{2,}")
_URL = re.compile(r"https?://|www\.|\.(?:com|net|org|io|me|ly|lb|fr)\b", re.I)
# Bounded, so that 3,000 characters of one kind cost no more than ordinary text.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}")
_DIGIT_RUN = re.compile(r"\d[\d .\-/]{6,24}\d")
_LETTER = re.compile(r"[^\W\d_]")

# Changes to what this module yields make earlier models meaningless: a model records the
# version it was trained with, and one of another version is refused.
VERSION = 1
MIN_GRAM, MAX_GRAM = 2, 5
# Longer "words" are links, numbers or keyboard noise: their first letters say enough.
MAX_WORD = 24


def fold(text: str) -> str:
    """The screening's folding (`quotidien.text.fold_loosely`), with letters repeated
    three times and more read as two ("connnard" reads "connard")."""
    return _REPEATS.sub(r"\1\1", fold_loosely(text))


@dataclass(frozen=True)
class Word:
    """A word of the comment: as written, and folded."""

    text: str
    folded: str


def words(text: str) -> list[Word]:
    """The comment's words, each as written and folded, in order; invisible characters
    do not cut a word in two."""
    found = []
    for match in _WORD.finditer(without_invisible(text)):
        written = match.group(0)
        folded = fold(written)
        if folded:
            if len(written) > MAX_WORD:
                written = written[:MAX_WORD] + "…"
            found.append(Word(written, folded[:MAX_WORD]))
    return found


def _form(text: str, count: int) -> Iterator[str]:
    """Signs of form that folding erases: capitals, length, links, addresses, numbers."""
    letters = _LETTER.findall(text)
    if len(letters) >= 12:
        capitals = sum(c.isupper() for c in letters) / len(letters)
        yield f"#caps{min(int(capitals * 5), 4)}"
    yield f"#len{min(count.bit_length(), 8)}"
    if _URL.search(text):
        yield "#url"
    if "@" in text and _EMAIL.search(text):
        yield "#email"
    if _DIGIT_RUN.search(text):
        yield "#digits"
    if text.count("!") >= 3:
        yield "#bang"


def named_features(text: str) -> tuple[list[tuple[str, int]], list[Word]]:
    """Every feature of `text` as a readable string with the index of the word it came
    from (-1 for signs of form), and the words themselves."""
    found = words(text)
    features: list[tuple[str, int]] = [(name, -1) for name in _form(text, len(found))]
    previous = None
    for index, word in enumerate(found):
        edged = f"<{word.folded}>"
        for n in range(MIN_GRAM, MAX_GRAM + 1):
            for start in range(len(edged) - n + 1):
                features.append((edged[start : start + n], index))
        features.append((f"w:{word.folded}", index))
        if previous is not None:
            features.append((f"b:{previous} {word.folded}", index))
        previous = word.folded
    return features, found


def slot(name: str, mask: int) -> tuple[int, float]:
    """The slot and the sign of a feature: its CRC-32, masked, and its top bit."""
    code = zlib.crc32(name.encode())
    return code & mask, -1.0 if code & 0x80000000 else 1.0


def hashed(text: str, bits: int) -> dict[int, float]:
    """The signed counts of each slot, before weighting."""
    return count_slots(named_features(text)[0], bits)[0]


def count_slots(named: list[tuple[str, int]], bits: int) -> tuple[dict[int, float], list[int]]:
    """The signed counts of each slot of `named` features, and each feature's slot."""
    mask = (1 << bits) - 1
    counts: dict[int, float] = {}
    slots = []
    for name, _word in named:
        index, sign = slot(name, mask)
        counts[index] = counts.get(index, 0.0) + sign
        slots.append(index)
    return counts, slots


def sublinear(count: float) -> float:
    """1 + log of a count, keeping its sign: the tenth "rat" says less than the first."""
    magnitude = abs(count)
    if magnitude == 0:
        return 0.0
    return math.copysign(1.0 + math.log(magnitude), count)
