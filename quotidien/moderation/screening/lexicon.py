"""Finding the entries of a word list in a comment, in any of their inflected forms.

A list gives base forms ("connard", "ta gueule"); each word of an entry also matches its
plural and feminine forms, and single words written with stars for some letters
("c*nnard") are found too. A list may also be looked for with its letters doubled or
singled at will ("saloppe", "coonnaard"), as the banned words are.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .analysis import Text, fold, tokens
from .vocabulary import vocabulary, words

_DATA = vocabulary("lexicon")
_FEMININE_ENDINGS = words(_DATA["feminine_endings"])
_REPLACED_ENDINGS = tuple(_DATA["replaced_endings"].items())
# A word is looked for with its letters doubled or singled when it has this many letters
# once each run of one letter is read as one: "pute", not "fdp".
_SQUEEZED_LENGTH = _DATA["doubled_letters"]["shortest"]
_ORDINARY = frozenset(words(_DATA["doubled_letters"]["ordinary"]))
_RUN = re.compile(r"(\w)\1+")


def squeezed(word: str) -> str:
    """`word` with each run of one letter read as one: "saloppe" and "salope" → "salope"."""
    return _RUN.sub(r"\1", word)


def _inflections(word: str) -> set[str]:
    """The plural and feminine spellings a base word may take."""
    forms = {word}
    bases = {word}
    if len(word) > 3 and word[-1] in "sx":
        bases.add(word[:-1])
    for base in bases:
        forms |= {base, base + "s", base + "x"}
        if base.endswith(_FEMININE_ENDINGS):
            forms |= {base + "e", base + "es"}
            if base[-1] in "nlt":  # chienne, conne, cruelle, sotte
                forms |= {base + base[-1] + "e", base + base[-1] + "es"}
        for ending, replacements in _REPLACED_ENDINGS:
            if base.endswith(ending):
                stem = base[: -len(ending)]
                forms |= {stem + r for r in replacements}
    return forms


@dataclass(frozen=True)
class _Entry:
    text: str  # as written in the list, shown to moderators
    words: tuple[frozenset[str], ...]  # for each word, its inflected spellings
    # For each word, its spellings squeezed ("salope" → "salope", "connard" → "conard"):
    # none for a word too short to be looked for so.
    squeezed: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Lexicon:
    """A word list made ready for matching."""

    by_first: dict[str, tuple[_Entry, ...]]
    spellings: frozenset[str]  # every single-word spelling, for masked words
    # The entries by the squeezed spellings of their first word (`_Entry.squeezed`).
    by_squeezed_first: dict[str, tuple[_Entry, ...]]


@dataclass(frozen=True)
class Match:
    """An entry found in a comment, between two token positions."""

    entry: str
    start: int
    end: int


@functools.lru_cache(maxsize=32)
def lexicon(entries: frozenset[str]) -> Lexicon:
    """The entries of a word list made ready for matching, built once per list."""
    by_first: dict[str, list[_Entry]] = {}
    spellings: set[str] = set()
    by_squeezed_first: dict[str, list[_Entry]] = {}
    for text in entries:
        found = [w for w in tokens(fold(text), "i") if w[0].isalnum()]
        if not found:
            continue
        # Short words of an expression keep their spelling: "ta gueule", not "tas gueules".
        spelt = [_inflections(w) if len(w) >= 4 else {w} for w in found[:-1]]
        spelt.append(_inflections(found[-1]))
        entry = _Entry(
            text=text,
            words=tuple(frozenset(s) for s in spelt),
            squeezed=tuple(
                frozenset(squeezed(s) for s in word if len(squeezed(s)) >= _SQUEEZED_LENGTH)
                for word in spelt
            ),
        )
        if len(found) == 1:
            spellings |= spelt[0]
        for first in entry.words[0]:
            by_first.setdefault(first, []).append(entry)
        for first in entry.squeezed[0]:
            by_squeezed_first.setdefault(first, []).append(entry)
    return Lexicon(
        by_first={k: tuple(v) for k, v in by_first.items()},
        spellings=frozenset(spellings),
        by_squeezed_first={k: tuple(v) for k, v in by_squeezed_first.items()},
    )


@functools.lru_cache(maxsize=256)
def matches(entries: frozenset[str], text: Text) -> tuple[Match, ...]:
    """Every occurrence of the list `entries` in `text`, looked for once per list and
    comment however many rules ask (`Text` is hashed by identity)."""
    return tuple(find(lexicon(entries), text))


def find(lexicon: Lexicon, text: Text, *, doubled_letters: bool = False) -> list[Match]:
    """Every occurrence of an entry of `lexicon` in `text`, longest first at each place;
    with `doubled_letters`, also written with letters doubled or singled ("saloppe")."""
    found = []
    keys = text.keys
    squeezed_keys = (
        tuple(frozenset(map(squeezed, k - _ORDINARY)) for k in keys) if doubled_letters else ()
    )
    for start, spellings in enumerate(keys):
        candidates = [e for s in spellings for e in lexicon.by_first.get(s, ())]
        if doubled_letters:
            candidates += [
                e for s in squeezed_keys[start] for e in lexicon.by_squeezed_first.get(s, ())
            ]
        if not candidates:
            continue
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            end = start + len(entry.words)
            if end > len(keys):
                continue
            if all(
                keys[start + k] & entry.words[k]
                or (doubled_letters and squeezed_keys[start + k] & entry.squeezed[k])
                for k in range(len(entry.words))
            ):
                found.append(Match(entry=entry.text, start=start, end=end))
                break
    return found


_MASKED = re.compile(r"(?<![\w*])[^\W\d_][^\W\d_*]*\*[\w*]*(?![\w*])")


def find_masked(lexicon: Lexicon, text: Text) -> list[str]:
    """Listed words written with stars for some letters ("c*nnard", "p*te")."""
    found = []
    for match in _MASKED.finditer(text.folded):
        masked = match.group(0)
        if sum(c.isalpha() for c in masked) < 2 or len(masked) < 4:
            continue
        pattern = re.compile(re.escape(masked).replace(r"\*", "[^\\W\\d_]"))
        if any(pattern.fullmatch(s) for s in lexicon.spellings):
            found.append(match.group(0))
    return found
