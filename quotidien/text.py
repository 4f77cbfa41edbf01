"""Folding text for comparison, shared by search and the comment screening.

Both compare words the way a French reader does, whatever their case and accents:
« Élection à Genève » and « election a geneve » are the same words. They fold with two
strengths:

- `fold` is what search indexes and looks for. The terms it yields are stored in the
  index, so changing it means indexing every article again.
- `fold_loosely` goes further, for the screening: a writer who wants a word to slip
  through hides it behind invisible characters, letters that look alike or typographic
  variants, which search has no reason to read through.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}
# A word: letters and digits, in any script.
WORD = re.compile(r"[^\W_]+")

_LIGATURES = str.maketrans(LIGATURES)


def fold(text: str) -> str:
    """`text` in lower case without accents: « Élection à Genève » → « election a geneve »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES)).lower()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Characters that show nothing, or only stretch a letter (the Arabic tatweel), and the
# marks that only change the direction of writing.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u0640]")
# Accents and vowel marks of the Latin, Cyrillic, Hebrew and Arabic scripts.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_LOOSELY = str.maketrans(
    {
        **LIGATURES,
        # Letters with a stroke, which Unicode keeps whole.
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        # Apostrophes and dashes as keyboards and word processors type them.
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        # Arabic letters written one for the other at the end of a word.
        "ة": "ه",
        "ى": "ي",
    }
)


def without_invisible(text: str) -> str:
    """`text` without the characters that show nothing: zero-width spaces and joiners, soft
    hyphens, direction marks, the Arabic tatweel. A word they cut is whole again."""
    return _INVISIBLE.sub("", text)


def fold_loosely(text: str) -> str:
    """`text` folded as `fold` does, and also without invisible characters, with one
    apostrophe and one dash, and with look-alike letters read as one ("ø" as "o")."""
    text = without_invisible(text).casefold().translate(_LOOSELY)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))
