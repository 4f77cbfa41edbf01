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


# What no text of the paper should hold, whoever sends it: the C0 controls but tab, line
# feed and carriage return (a form's line breaks), DEL and the C1 controls, surrogates
# (only ever lone in a Python string), and the noncharacters (U+FDD0–U+FDEF and the last
# two code points of every plane). XML 1.0 cannot carry most of them: one such character
# in a headline would make every feed that lists it unreadable.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)
# The marks that turn the direction of writing until told otherwise: embeddings and
# overrides (U+202A–U+202E) and isolates (U+2066–U+2069). In a comment or a name they can
# show a text other than the one written, or turn the rest of the page around.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_control_characters(text: str) -> str:
    """`text` without control characters, lone surrogates and noncharacters; tabs and line
    breaks stay. For every text that comes in (wires, forms, the API) and, as a last
    defence, for what feeds and sitemaps write out."""
    return _CONTROL.sub("", text)


def has_control_characters(text: str) -> bool:
    """Whether `without_control_characters` would change `text`: an identifier with such
    characters is refused, for cleaned it could name something else."""
    return _CONTROL.search(text) is not None


def without_control_characters_in(data):
    """`data` with each of its strings cleaned as `without_control_characters` does, however
    deep in dicts, lists and tuples (a page's body, a wire's items); other values stay."""
    if isinstance(data, str):
        return _CONTROL.sub("", data)
    if isinstance(data, dict):
        return {key: without_control_characters_in(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(without_control_characters_in(value) for value in data)
    return data


def without_bidi_controls(text: str) -> str:
    """`text` without the marks that override or isolate the direction of writing. The
    letters of Arabic or Hebrew need none of them to show right to left."""
    return _BIDI_CONTROLS.sub("", text)


# Letters and symbols to Unicode that show as an empty space: the Hangul fillers and the
# blank Braille pattern.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing at all: no letter, digit, punctuation or symbol but the
    ones that look like a space; only spaces, invisible and control characters, or marks
    with nothing to sit on."""
    return not any(
        unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LOOKING for char in text
    )


_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text, as separated by blank lines, without the spaces
    around them (an e-mail's, a note the newsroom typed)."""
    return [part.strip() for part in _BLANK_LINES.split(text) if part.strip()]


def clean_display_name(name: str) -> str:
    """A reader's display name as it is stored and compared: look-alike forms read as the
    letters they imitate (NFKC: « Ｒｉｔａ » is « Rita »), without control, invisible or
    direction characters, with single spaces."""
    name = without_control_characters(unicodedata.normalize("NFKC", name or ""))
    return " ".join(without_invisible(name).split())


def typed_text(text: str) -> str:
    """Text a person typed in a form, as it is stored: one line ending per line (a browser
    sends two characters), no control or direction characters, no spaces around."""
    text = (text or "").replace("\r\n", "\n")
    return without_bidi_controls(without_control_characters(text)).strip()


ELLIPSIS = "…"
# Punctuation that would stand before an ellipsis: the ellipsis takes its place.
_DROPPED_BEFORE_ELLIPSIS = ".,;:"
# The semicolon of a character reference ("&amp;", "&#8217;") is no punctuation.
_ENTITY_END = re.compile(r"&#?\w+;$")


def cut_short(text: str) -> str:
    """`text` (plain, or HTML without a closing tag at its end) ending with "…" glued to its
    last word, as French typography sets a sentence cut short ("publié chaque mois…"): no
    space, so that no line starts with it; a full stop, comma, semicolon or colon there
    gives way to it, a question or exclamation mark stays before it ("?…")."""
    text = text.rstrip()
    if text.endswith((ELLIPSIS, "...")):
        return text
    while text and text[-1] in _DROPPED_BEFORE_ELLIPSIS and not _ENTITY_END.search(text):
        text = text[:-1].rstrip()
    return f"{text}{ELLIPSIS}"
