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
- ordinal endings in superscript (1er, 2e, XIXe siècle).

`typeset_text` takes plain text, `typeset_html` HTML whose text alone changes: never
tags, attribute values, web or e-mail addresses, nor what is shown as written (<code>,
<pre>, <kbd>, <samp>, scripts). Setting a text twice gives the text set once. The
vocabulary (abbreviations, units, ordinal endings, elements) is in `data/typography.toml`.
"""

import html
import re
import tomllib
from pathlib import Path

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
_STAND_INS = re.compile("[\ufdd0-\ufdd4]")
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
    if match.group(1):  # a script or a style, whole
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


def _tokens(fragment: str):
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
    if any(_STAND_INS.search(text) for text in decoded):
        return "".join(source for _, source in run)
    line = decoded[0]
    for (slot, _), text in zip(slots, decoded[1:], strict=True):
        line += slot + text
    out = []
    set_texts = _SLOTS.split(typeset_line(line))
    for index, (text, before, after) in enumerate(zip(texts, decoded, set_texts, strict=True)):
        # A text the rules left alone keeps its character references as written.
        out.append(text if after == before else _escape(after))
        if index < len(slots):
            out.append(slots[index][1])
    return "".join(out)


def _escape(text: str) -> str:
    return html.escape(text).replace(_SUP, "<sup>").replace(_END_SUP, "</sup>")


# --- The rules ---------------------------------------------------------------------------

_ADDRESS_PATTERN = re.compile("".join(_DATA["protected"]["address"]))
_ADDRESSES = re.compile(_ADDRESS)

_SMILEY = re.compile(_DATA["punctuation"]["smiley"])
_MARKS = ";:!?"
# A mark typed after a space: the space becomes a narrow no-break one.
_SPACE_BEFORE_MARK = re.compile(rf"[ \t]+(?={_TAG}*[{_MARKS}])")
# A mark typed right after a word, a number, a closing sign or a verbatim element.
_MARK_AFTER_WORD = re.compile(rf"(?<=[\w»)\]…%{_VERBATIM}])({_TAG}*)(?=[{_MARKS}])")
# What may follow a mark that takes a space before it, besides a space: a colon between
# two digits (21:30) or inside a word (std::vector, C:\) is not a French colon.
_AFTER_MARK = frozenset(";!?»)]}\"'’….,")

# Opening and closing guillemets, with or without an ordinary space inside.
_OPENING_GUILLEMET = re.compile(r"«[ \t]*(?=\S)")
_CLOSING_GUILLEMET = re.compile(r"(?<=\S)[ \t]*»")
_NO_OPENING_BEFORE = frozenset(_MARKS + ".,)]}»")
_NO_CLOSING_AFTER = frozenset("([{«")

_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)")
_DIGIT_GROUP_SEPARATOR = re.compile("[ \u00a0]")
_PERCENT_SIGNS = re.escape("".join(_words(_DATA["numbers"]["percent"])))
_PERCENT = re.compile(rf"(?<=\d) ?(?=[{_PERCENT_SIGNS}])")
_TIME = re.compile(r"(?<=\d) h (?=\d\d(?!\d))")
_UNIT = re.compile(rf"(?<=\d) (?=(?:{_either(_words(_DATA['numbers']['units']))})(?![\w'’-]))")

_ABBREVIATIONS = _DATA["abbreviations"]
_TITLES = _either(_words(_ABBREVIATIONS["titles"]))
_TITLE = re.compile(rf"(?<![\w.])((?:{_TITLES}){_TAG}*)[ ]+(?={_TAG}*([^\W\d_]))")
_NUMBER_ABBREVIATIONS = _either(_words(_ABBREVIATIONS["before_numbers"]))
_BEFORE_NUMBER = re.compile(rf"(?<![\w.])((?:{_NUMBER_ABBREVIATIONS}){_TAG}*)[ ]+(?={_TAG}*\d)")
_ERA_ABBREVIATIONS = _either(_words(_ABBREVIATIONS["before_eras"]))
_ERAS = _either(_words(_ABBREVIATIONS["eras"]))
_BEFORE_ERA = re.compile(rf"(?<![\w.])({_ERA_ABBREVIATIONS})[ ]+(?={_ERAS})")

_ORDINALS = _DATA["ordinals"]


def _ordinal_endings(kind: str) -> str:
    endings = _words(_ORDINALS[kind])
    endings += [typed for typed, right in _ORDINALS["corrected"].items() if right in endings]
    return _either(endings)


_FIRST, _SECOND, _OTHER = (_ordinal_endings(kind) for kind in ("first", "second", "other"))
_ORDINAL = re.compile(
    # In arabic numerals, not after a hyphen nor before one: "article-2e-tour" is a slug.
    rf"(?<![\w.,/-])(?:(1)({_FIRST})|(2)({_SECOND})|(\d*[2-9]|\d+[01])({_OTHER}))(?![\w'’-])"
    # In roman numerals up to XXXIX, all that centuries, kings and republics need: with
    # L, C, D or M, "Le", "Ce", "De" and "Me" would read as ordinals.
    rf"|(?<![\w.,/])(?:(I)({_FIRST})|(?!I(?:{_OTHER}))(?=[IVX])(X{{0,3}}(?:IX|IV|V?I{{0,3}}))"
    rf"({_OTHER}))(?![\w'’])"
)


def typeset_line(line: str) -> str:
    """One line of plain text set in French typography, ordinal endings marked."""
    addresses = []

    def hide(match: re.Match) -> str:
        addresses.append(match.group())
        return _ADDRESS

    line = _ADDRESS_PATTERN.sub(hide, line)
    line = _pair_quotes(line)
    line = _OPENING_GUILLEMET.sub("«" + NARROW_NBSP, line)
    line = _CLOSING_GUILLEMET.sub(NARROW_NBSP + "»", line)
    line = _SPACE_BEFORE_MARK.sub(_space_before_mark, line)
    line = _MARK_AFTER_WORD.sub(_mark_after_word, line)
    line = _THOUSANDS.sub(lambda match: _DIGIT_GROUP_SEPARATOR.sub(NARROW_NBSP, match[0]), line)
    line = _PERCENT.sub(NARROW_NBSP, line)
    line = _TIME.sub(f"{NARROW_NBSP}h{NARROW_NBSP}", line)
    line = _UNIT.sub(NARROW_NBSP, line)
    line = _TITLE.sub(lambda match: match[1] + NBSP if match[2].isupper() else match[0], line)
    line = _BEFORE_NUMBER.sub(rf"\1{NBSP}", line)
    line = _BEFORE_ERA.sub(rf"\1{NBSP}", line)
    line = _ORDINAL.sub(_mark_ordinal, line)
    if addresses:
        put_back = iter(addresses)
        line = _ADDRESSES.sub(lambda _: next(put_back), line)
    return line


def _mark_at(match: re.Match) -> int:
    """Where the mark that `match` stands before is, past inline tags."""
    line, at = match.string, match.end()
    while line[at] == _TAG:
        at += 1
    return at


def _space_before_mark(match: re.Match) -> str:
    """The space typed before ; : ! ? as a narrow no-break one, unless the mark begins a
    smiley."""
    return match[0] if _SMILEY.match(match.string, _mark_at(match)) else NARROW_NBSP


def _mark_after_word(match: re.Match) -> str:
    """A narrow no-break space before ; : ! ? typed right after a word, unless the mark
    begins a smiley or has more of the word after it: a time (21:30), a path (C:\\), a
    name (std::vector)."""
    line, at = match.string, _mark_at(match)
    following = line[at + 1 :].lstrip(_TAG)[:1]
    if (
        _SMILEY.match(line, at)
        or following
        and not (following.isspace() or following in _AFTER_MARK)
    ):
        return match[0]
    return match[1] + NARROW_NBSP


def _neighbours(line: str, at: int) -> tuple[str, str]:
    """The characters before and after position `at`, looking through inline tags."""
    return line[:at].rstrip(_TAG)[-1:], line[at + 1 :].lstrip(_TAG)[:1]


def _pair_quotes(line: str) -> str:
    """Straight double quotes as « », where they pair up.

    A quote opens before a word and closes after one; a quote that can do neither (12"),
    or an opening one never closed, stays as typed. Quotes typed within quotes with the
    same sign cannot be told apart: then every quote of the line stays as typed."""
    if '"' not in line:
        return line
    pairs, opening = [], None
    for match in re.finditer('"', line):
        before, after = _neighbours(line, match.start())
        can_open = (
            after and not after.isspace() and after not in _NO_OPENING_BEFORE
        ) and not before.isalnum()
        can_close = (
            before and not before.isspace() and before not in _NO_CLOSING_AFTER
        ) and not after.isalnum()
        if opening is None:
            if can_open and not can_close:
                opening = match.start()
        elif can_close and not can_open:
            pairs.append((opening, match.start()))
            opening = None
        elif can_open:
            return line
    if not pairs:
        return line
    characters = list(line)
    for start, end in pairs:
        characters[start], characters[end] = "«", "»"
    return "".join(characters)


def _mark_ordinal(match: re.Match) -> str:
    number, ending = (group for group in match.groups() if group is not None)
    return f"{number}{_SUP}{_ORDINALS['corrected'].get(ending, ending)}{_END_SUP}"
