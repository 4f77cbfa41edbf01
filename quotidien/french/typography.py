"""French typography for the paper's text, set when a page is rendered.

The newsroom types ordinary spaces and straight quotes; the reader sees the text as a
French typographer would set it. The stored text never changes:

- a narrow no-break space (U+202F) before ; : ! ? and inside « », so that a line never
  starts with a colon or a closing guillemet;
- « » for straight double quotes that pair up;
- a narrow no-break space between the groups of digits of a number (50 000) and before
  a percent sign or a unit (50 %, 3 km);
- a no-break space (U+00A0) after a title (M. Aoun), before a page or issue number
  (p. 12, n° 5) and in "av. J.-C.";
- ordinal endings in superscript (1er, 2e, XIXe siècle);
- the typographic apostrophe ’ for a straight one between two letters (l’armée).

`typeset_text` takes plain text, `typeset_html` HTML whose text alone changes: never
tags, attribute values, web or e-mail addresses, nor what is shown as written (<code>,
<pre>, <kbd>, <samp>, scripts). Setting a text twice gives the text set once. The
vocabulary (abbreviations, units, ordinal endings, elements) is in `data/typography.toml`.
"""

import html
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext, ngettext

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

with (Path(__file__).resolve().parent / "data" / "typography.toml").open("rb") as _file:
    _DATA = tomllib.load(_file)

# Stand-ins, in the line of text the rules read, for what they must see but not change.
# They are noncharacters, which no stored text holds: quotidien.text takes them out of
# every input, and a text that holds one anyway is left as it is.
_TAG = "\ufdd0"  # an inline tag: the sentence runs through it
_VERBATIM = "\ufdd1"  # an element shown as written, read as one word
_ADDRESS = "\ufdd2"  # a web or e-mail address, put back once the rules have run
_SUP, _END_SUP = "\ufdd3", "\ufdd4"  # around an ordinal ending
_STAND_INS = (_TAG, _VERBATIM, _ADDRESS, _SUP, _END_SUP)
_SLOTS = re.compile(f"[{_TAG}{_VERBATIM}]")


def _words(value: str) -> list[str]:
    return value.split()


def _either(words: list[str]) -> str:
    """A regular expression matching any of `words`, the longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# --- HTML --------------------------------------------------------------------------------

# A comment, an element whose content is raw text (kept whole), or a tag, whose quoted
# attribute values may hold a '>'.
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>"
    r"""|</?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
    r"|<![^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")
_INLINE = frozenset(_words(_DATA["html"]["inline"]))
_VERBATIM_ELEMENTS = frozenset(_words(_DATA["html"]["verbatim"]))

# What the text of an HTML fragment is made of, in order.
TEXT, INLINE, VERBATIM, BLOCK = "text", "inline", "verbatim", "block"


def _markup_kind(match: re.Match) -> tuple[str, int]:
    """What a piece of markup is, and by how much it changes the depth of verbatim
    elements (1 for a start tag, -1 for an end tag)."""
    markup = match.group()
    if match.group(1):  # an element of raw text (a script, a style), whole
        return VERBATIM, 0
    if markup.startswith("<!--"):
        return INLINE, 0
    name = _TAG_NAME.match(markup)
    if name is None:  # a doctype
        return BLOCK, 0
    tag = name.group(2).lower()
    if tag not in _VERBATIM_ELEMENTS:
        return (INLINE if tag in _INLINE else BLOCK), 0
    if name.group(1):
        return VERBATIM, -1
    return VERBATIM, 0 if markup.endswith("/>") else 1


def _tokens(fragment: str) -> Iterator[tuple[str, str]]:
    """The pieces of an HTML fragment as (kind, source): text, inline tags, block tags,
    and each verbatim element whole, from its start tag to its end tag."""
    depth, held, position = 0, [], 0
    for match in _MARKUP.finditer(fragment):
        text = fragment[position : match.start()]
        position = match.end()
        kind, step = _markup_kind(match)
        if depth:
            held += [text, match.group()]
            depth += step
            if not depth:
                yield VERBATIM, "".join(held)
                held = []
            continue
        if text:
            yield TEXT, text
        if step > 0:
            depth, held = 1, [match.group()]
        else:
            # An end tag without its start tag holds nothing together: it ends the run.
            yield (BLOCK if step < 0 else kind), match.group()
    rest = fragment[position:]
    if depth:
        # An element left open is shown as written to the end.
        yield VERBATIM, "".join(held) + rest
    elif rest:
        yield TEXT, rest


def typeset_html(fragment: str) -> str:
    """An HTML fragment set in French typography; only its text changes.

    The fragment is clean HTML (Wagtail's rich text, or escaped text). A sentence runs on
    through inline elements, so that `"<i>Le Monde</i>"` is one quotation; any other
    element ends it."""
    out, run = [], []
    for kind, source in _tokens(fragment):
        if kind == BLOCK:
            out.append(_typeset_run(run))
            out.append(source)
            run = []
        else:
            run.append((kind, source))
    out.append(_typeset_run(run))
    return "".join(out)


def typeset_text(text: str) -> str:
    """Plain text as HTML set in French typography."""
    return typeset_html(html.escape(text))


def typeset_plain(text: str) -> str:
    """Plain text set in French typography, as plain text: for a page's title and the tags
    that repeat it (an ordinal's ending stays on the line, there is no markup)."""
    return typeset_line(text).replace(_SUP, "").replace(_END_SUP, "")


def _typeset_run(run: list[tuple[str, str]]) -> str:
    """The pieces of one sentence run, set: their text is read as one line, in which each
    tag or verbatim element stands as one character, and written back between them."""
    texts, slots, current = [], [], []
    for kind, source in run:
        if kind == TEXT:
            current.append(source)
        else:
            texts.append("".join(current))
            slots.append((_TAG if kind == INLINE else _VERBATIM, source))
            current = []
    texts.append("".join(current))
    if not any(texts):
        return "".join(source for _, source in slots)
    decoded = [html.unescape(text) for text in texts]
    plain = "".join(decoded)
    if any(stand_in in plain for stand_in in _STAND_INS):
        return "".join(source for _, source in run)
    line = decoded[0]
    for (slot, _), text in zip(slots, decoded[1:], strict=True):
        line += slot + text
    line = typeset_line(line)
    set_texts = _SLOTS.split(line) if _VERBATIM in line else line.split(_TAG)
    out = []
    for index, (text, before, after) in enumerate(zip(texts, decoded, set_texts, strict=True)):
        # A text the rules left alone keeps its character references as written.
        out.append(text if after == before else _escape(after))
        if index < len(slots):
            out.append(slots[index][1])
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text).replace(_SUP, "<sup>").replace(_END_SUP, "</sup>")


# --- The rules ---------------------------------------------------------------------------
#
# They run on every render of a headline, so each rule first checks that the line holds
# the sign it needs (`in` costs far less than a regular expression finding nothing), and
# each pattern starts with a character or a class, not a lookbehind, so that the regular
# expression engine skips ahead to where a match can start; what the pattern cannot say
# that way is checked on the match.

_WEB_STARTS = _words(_DATA["protected"]["web_starts"])
_WEB_ADDRESS = f"(?:{_either(_WEB_STARTS)}){_DATA['protected']['web']}"
_WEB_ADDRESSES = re.compile(_WEB_ADDRESS)
# The e-mail pattern is slow to find nothing: it runs only on a line holding an "@".
_ADDRESSES = re.compile(f"{_WEB_ADDRESS}|{_DATA['protected']['email']}")

_MARKS = ";:!?"
# A straight apostrophe between letters, an inline tag between them or not: l'<i>Orient</i>.
_APOSTROPHE = re.compile(rf"(?<=[^\W\d_])'(?=[{_TAG}]*[^\W\d_])")
_PERCENT_SIGNS = _words(_DATA["numbers"]["percent"])
# A sign that takes a narrow no-break space before it.
_SPACED_SIGN = re.compile(f"[{re.escape(_MARKS + ''.join(_PERCENT_SIGNS))}»]")
_SMILEY = re.compile(_DATA["punctuation"]["smiley"])
# What a mark may follow when no space was typed before it: a word, a number, a closing
# sign, a verbatim element.
_WORD_END = re.compile(rf"[\w»)\]…%{_VERBATIM}]")
# What may follow such a mark, besides a space: a colon between two digits (21:30) or
# inside a word (std::vector, C:\) is not a French colon.
_AFTER_MARK = frozenset(";!?»)]}\"'’….,")

_OPENING_GUILLEMET = re.compile(r"«[ \t]*(?=\S)")
_NO_OPENING_BEFORE = frozenset(";:!?.,)]}»")
_NO_CLOSING_AFTER = frozenset("([{«")

_DIGIT = re.compile(r"\d")
# Groups of three digits after one to three, the first digit starting the number.
_THOUSANDS = re.compile(r"\d(?<![\w.,]\d)\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d)")
_DIGIT_GROUP_SEPARATOR = re.compile("[ \u00a0]")
_TIME = re.compile(r" h (?<=\d h )(?=\d\d(?!\d))")
_UNIT = re.compile(rf" (?<=\d )(?=(?:{_either(_words(_DATA['numbers']['units']))})(?![\w'’-]))")

_ABBREVIATIONS = _DATA["abbreviations"]
_TITLE = re.compile(
    rf"((?:{_either(_words(_ABBREVIATIONS['titles']))}){_TAG}*)[ ]+(?={_TAG}*([^\W\d_]))"
)
_BEFORE_NUMBER = re.compile(
    rf"((?:{_either(_words(_ABBREVIATIONS['before_numbers']))}){_TAG}*)[ ]+(?={_TAG}*\d)"
)
_ERAS = _words(_ABBREVIATIONS["eras"])
_BEFORE_ERA = re.compile(
    rf"(?<![\w.])({_either(_words(_ABBREVIATIONS['before_eras']))})[ ]+(?={_either(_ERAS)})"
)

_ORDINALS = _DATA["ordinals"]
_CORRECTED_ENDINGS = _ORDINALS["corrected"]


def _ordinal_endings(kind: str) -> frozenset[str]:
    endings = _words(_ORDINALS[kind])
    return frozenset(
        endings + [typed for typed, right in _CORRECTED_ENDINGS.items() if right in endings]
    )


_FIRST, _SECOND, _OTHER = (_ordinal_endings(kind) for kind in ("first", "second", "other"))
_ENDINGS = _either(_FIRST | _SECOND | _OTHER)
# 1er, 1re; 2e, 2nd; then 3e, 10e, 21e: "21er" is no ordinal, nor "0e".
_ARABIC_ENDINGS = {"0": frozenset(), "1": _FIRST, "2": _SECOND | _OTHER}
# An arabic number and an ending, not after a hyphen nor before one: "article-2e-tour" is
# a slug.
_ARABIC_ORDINAL = re.compile(rf"(\d(?<![\w.,/-]\d)\d*)({_ENDINGS})(?![\w'’-])")
# A roman number and an ending; hyphens are fine, as in "XIXe-XXe".
_ROMAN_ORDINAL = re.compile(rf"([IVX](?<![\w.,/][IVX])[IVX]*)({_ENDINGS})(?![\w'’])")
# Roman numbers up to XXXIX, all that centuries, kings and republics need: with L, C, D
# or M, "Le", "Ce", "De" and "Me" would read as ordinals.
_ROMAN_NUMBER = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def typeset_line(line: str) -> str:
    """One line of plain text set in French typography, ordinal endings marked."""
    addresses = []

    def hide(match: re.Match) -> str:
        addresses.append(match.group())
        return _ADDRESS

    if "@" in line:
        line = _ADDRESSES.sub(hide, line)
    elif any(start in line for start in _WEB_STARTS):
        line = _WEB_ADDRESSES.sub(hide, line)
    if '"' in line:
        line = _pair_quotes(line)
    if "'" in line:
        line = _APOSTROPHE.sub("’", line)
    if "«" in line:
        line = _OPENING_GUILLEMET.sub("«" + NARROW_NBSP, line)
    line = _space_before_signs(line)
    if _DIGIT.search(line):
        line = _THOUSANDS.sub(lambda match: _DIGIT_GROUP_SEPARATOR.sub(NARROW_NBSP, match[0]), line)
        if " h " in line:
            line = _TIME.sub(f"{NARROW_NBSP}h{NARROW_NBSP}", line)
        line = _UNIT.sub(NARROW_NBSP, line)
        line = _BEFORE_NUMBER.sub(_no_break_after_abbreviation, line)
        line = _ARABIC_ORDINAL.sub(_arabic_ordinal, line)
    line = _TITLE.sub(_no_break_after_abbreviation, line)
    if any(era in line for era in _ERAS):
        line = _BEFORE_ERA.sub(rf"\1{NBSP}", line)
    if "I" in line or "V" in line or "X" in line:
        line = _ROMAN_ORDINAL.sub(_roman_ordinal, line)
    if addresses:
        pieces = line.split(_ADDRESS)
        line = pieces[0] + "".join(
            address + piece for address, piece in zip(addresses, pieces[1:], strict=True)
        )
    return line


def _space_before_signs(line: str) -> str:
    """A narrow no-break space before ; : ! ? », and before % after a number, in place of
    the spaces typed before them or where none was typed; not before the mark of a
    smiley, a time, a path."""
    out, done = [], 0
    for match in _SPACED_SIGN.finditer(line):
        sign, at = match[0], match.start()
        end = at
        if sign in _MARKS:
            # The mark after "<b>Attention</b>" follows the word, through the tag.
            while end and line[end - 1] == _TAG:
                end -= 1
        start = end
        while start and line[start - 1] in " \t":
            start -= 1
        before = line[start - 1] if start else ""
        if sign == "»":
            wanted = before and not before.isspace()
        elif sign in _PERCENT_SIGNS:
            wanted = before.isdigit()
        elif start < end:  # a mark typed after a space
            wanted = not _SMILEY.match(line, at)
        else:  # a mark typed right after a word
            wanted = _WORD_END.match(before) and _ends_its_word(line, at)
            start = end = at
        if wanted:
            out += [line[done:start], NARROW_NBSP]
            done = end
    if not out:
        return line
    out.append(line[done:])
    return "".join(out)


def _ends_its_word(line: str, at: int) -> bool:
    """Whether the mark at `at`, typed right after a word, ends it: it begins no smiley
    and has no more of the word after it (21:30, std::vector, a path)."""
    if _SMILEY.match(line, at):
        return False
    after = at + 1
    while after < len(line) and line[after] == _TAG:
        after += 1
    return after == len(line) or line[after].isspace() or line[after] in _AFTER_MARK


def _starts_a_word(line: str, at: int) -> bool:
    """Whether `at` is the start of a word ("Mme" in "Mme Aoun", not in "OMme")."""
    return not at or not (line[at - 1].isalnum() or line[at - 1] in "._")


def _no_break_after_abbreviation(match: re.Match) -> str:
    """A no-break space after an abbreviation that starts a word, before a name (which
    starts with a capital) or a number."""
    abbreviation, *initial = match.groups()
    if _starts_a_word(match.string, match.start()) and (not initial or initial[0].isupper()):
        return abbreviation + NBSP
    return match[0]


def _arabic_ordinal(match: re.Match) -> str:
    number, ending = match.groups()
    if ending in _ARABIC_ENDINGS.get(number, _OTHER):
        return _ordinal(number, ending)
    return match[0]


def _roman_ordinal(match: re.Match) -> str:
    number, ending = match.groups()
    endings = _FIRST if number == "I" else _OTHER
    if _ROMAN_NUMBER.fullmatch(number) and ending in endings:
        return _ordinal(number, ending)
    return match[0]


def _ordinal(number: str, ending: str) -> str:
    return f"{number}{_SUP}{_CORRECTED_ENDINGS.get(ending, ending)}{_END_SUP}"


def _neighbours(line: str, at: int) -> tuple[str, str]:
    """The characters before and after position `at`, looking through inline tags."""
    before, after = at - 1, at + 1
    while before >= 0 and line[before] == _TAG:
        before -= 1
    while after < len(line) and line[after] == _TAG:
        after += 1
    return (line[before] if before >= 0 else ""), line[after : after + 1]


def _pair_quotes(line: str) -> str:
    """Straight double quotes as « », where they pair up.

    A quote opens before a word and closes after one; a quote that can do neither (12"),
    or an opening one never closed, stays as typed. Quotes typed within quotes with the
    same sign cannot be told apart: then every quote of the line stays as typed."""
    pairs, opening = [], None
    at = line.find('"')
    while at >= 0:
        before, after = _neighbours(line, at)
        can_open = (
            after and not after.isspace() and after not in _NO_OPENING_BEFORE
        ) and not before.isalnum()
        can_close = (
            before and not before.isspace() and before not in _NO_CLOSING_AFTER
        ) and not after.isalnum()
        if opening is None:
            if can_open and not can_close:
                opening = at
        elif can_close and not can_open:
            pairs.append((opening, at))
            opening = None
        elif can_open:
            return line
        at = line.find('"', at + 1)
    if not pairs:
        return line
    out, done = [], 0
    for start, end in pairs:
        out += [line[done:start], "«", line[start + 1 : end], "»"]
        done = end + 1
    out.append(line[done:])
    return "".join(out)


_MUTE_H = frozenset(name.casefold() for name in _words(_DATA["elision"]["mute_h"]))


def of_name(name: str) -> str:
    """« de » and `name`, elided before a vowel or a mute h: "d’Antoine Karam", "de Rania
    Daher" (the vocabulary is in `data/typography.toml`, [elision])."""
    name = name.strip()
    first_word = re.split(r"[\s\-]", name, maxsplit=1)[0]
    letters = unicodedata.normalize("NFD", first_word.casefold())
    letters = "".join(letter for letter in letters if not unicodedata.combining(letter))
    elided = bool(letters) and (
        letters[0] in "aeiouœæ"
        or (letters[0] == "y" and len(letters) > 1 and letters[1] not in "aeiouy")
        or (letters[0] == "h" and first_word.casefold() in _MUTE_H)
    )
    return f"d’{name}" if elided else f"de {name}"


def french_number(value: int) -> str:
    """A count as French writes it, its groups of digits apart: "3 000" (narrow no-break
    spaces, as `typeset_text` sets a number typed with spaces)."""
    return f"{value:_}".replace("_", NARROW_NBSP)


def french_size(size: int) -> str:
    """A file's size as French readers write it, in decimal units: « 5 Mo », « 1,2 Mo »,
    « 850 ko »."""
    for unit, step in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        if size >= step:
            amount = f"{size / step:.1f}".removesuffix(".0").replace(".", ",")
            return f"{amount}\xa0{unit}"
    return ngettext("%(size)s\xa0octet", "%(size)s\xa0octets", size) % {"size": size}


def french_size_past(size: int, limit: int) -> str:
    """A size past `limit` as French readers write it (`french_size`), « plus de 8 Mo »
    when rounding would write it as the limit (8 000 001 bytes)."""
    written, most = french_size(size), french_size(limit)
    return written if written != most else gettext("plus de %s") % most
