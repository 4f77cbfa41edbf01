"""How the screening reads a comment: folded, cut into tokens, disguises read through.

Letters of other scripts or small capitals that imitate Latin letters are read as those
("ᴄᴏɴɴᴀʀᴅ", "рuтe" with a Cyrillic "р" and "т": `quotidien.lookalikes`, which readers'
names share), characters that show nothing are dropped, and a word cut by a no-break
space is whole again. Digits or signs standing for letters are read as
letters ("c0nnard", "s@lope"), letters spelt out one by one are joined ("c.o.n.n.a.r.d"),
and each token knows the words it may stand for once letters repeated to stretch it are
squeezed ("connnard"). Sentence ends and the punctuation that tells whom a sentence
speaks to are kept as tokens; text between quotation marks is marked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quotidien.lookalikes import DIGITS_AS_LETTERS, as_latin

# A quotation reports what it quotes when the writer adds this many words of their own.
OWN_WORDS_AROUND_A_QUOTATION = 4
_LEET_DIGITS = DIGITS_AS_LETTERS
_LEET_SIGNS = {"@": "a", "$": "s", "€": "e"}
_LEET_BETWEEN = {"!": "i", "|": "l"}
_LEET_CANDIDATE = re.compile(r"\S*[^\W\d_]\S*")
_LEET_ANY = re.compile(r"[0134578@$€!|]")


def _deleet(chunk: str, one: str = "i") -> str:
    """Read digits and signs standing for letters inside a word ("c0nn4rd", "s@lope")."""
    if not any(c in _LEET_DIGITS or c in _LEET_SIGNS or c in _LEET_BETWEEN for c in chunk):
        return chunk
    letters = sum(c.isalpha() for c in chunk)
    if letters < 2:
        return chunk
    out = []
    for i, c in enumerate(chunk):
        before = chunk[i - 1].isalpha() if i else False
        after = chunk[i + 1].isalpha() if i + 1 < len(chunk) else False
        if c in _LEET_DIGITS and (before or after):
            out.append(one if c == "1" else _LEET_DIGITS[c])
        elif c in _LEET_SIGNS and (before or after):
            out.append(_LEET_SIGNS[c])
        elif c in _LEET_BETWEEN and before and after:
            out.append(_LEET_BETWEEN[c])
        else:
            out.append(c)
    return "".join(out)


# Three or more single letters joined by one same separator: "c.o.n", "c o n", "c-o-n".
_SPELT_OUT = re.compile(r"(?<![^\W\d_])[^\W\d_]([.\-_*· ])[^\W\d_](?:\1[^\W\d_])+(?![^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+|[,:=?!.;…]")
_SENTENCE_END = frozenset(".!;…")
_LONG_RUN = re.compile(r"(\w)\1{2,}")
# A no-break space between two letters: a comment's words are cut by plain spaces, and
# one of these cuts a word to hide it ("conn ard"). French typography puts them next to
# punctuation and digits (« 20 h », « oui ! »), which stay apart.
_NO_BREAK_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a0\u2007\u202f](?=[^\W\d_])")


def spellings(word: str) -> frozenset[str]:
    """What a word may stand for once letters repeated three times or more are read as one
    or two ("connnard" → "connard", "idiooot" → "idiot"); doubled letters are kept ("année").
    """
    pieces = _LONG_RUN.split(word)  # text, letter, text, letter, …, text
    if len(pieces) == 1:
        return frozenset((word,))
    if len(pieces) > 7:  # more than three long runs: not worth every combination
        return frozenset((_LONG_RUN.sub(r"\1", word), _LONG_RUN.sub(r"\1\1", word)))
    found = {pieces[0]}
    for index in range(1, len(pieces), 2):
        letter, after = pieces[index], pieces[index + 1]
        found = {f + letter * n + after for f in found for n in (1, 2)}
    return frozenset(found)


def _join_spelt_out(text: str) -> str:
    return _SPELT_OUT.sub(lambda m: m.group(0).replace(m.group(1), ""), text)


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per text, from analyse()
class Text:
    """A comment cut into folded tokens; punctuation that matters is kept as tokens."""

    folded: str
    tokens: tuple[str, ...]
    keys: tuple[frozenset[str], ...]  # the spellings each token may stand for
    line: str  # the tokens joined by single spaces, for phrase patterns
    quoted: frozenset[int] = frozenset()  # positions of tokens inside quotation marks

    def span(self, match: re.Match) -> range:
        """The positions of the tokens that `match`, found in `line`, covers."""
        first = self.line.count(" ", 0, match.start())
        return range(first, self.line.count(" ", 0, match.end() - 1) + 1)

    def only_quoted(self, spans: Iterable[range]) -> bool:
        """Whether every span of tokens is between quotation marks, with words of the
        writer's own around them: "il l'a traité de « … », c'est honteux" reports what it
        quotes; a comment that is nothing but a quotation does not."""
        if not all(self.quoted.issuperset(span) for span in spans):
            return False
        own = sum(
            1 for i, token in enumerate(self.tokens) if i not in self.quoted and token[0].isalnum()
        )
        return own >= OWN_WORDS_AROUND_A_QUOTATION


def fold(text: str) -> str:
    """`text` folded for the rules: as a reader sees it (`quotidien.lookalikes.as_latin`),
    a word cut by a no-break space joined again."""
    return as_latin(_NO_BREAK_IN_WORD.sub("", text))


def tokens(folded: str, one: str = "i") -> list[str]:
    """The tokens of folded text, a "1" between letters read as `one` ("i" or "l")."""
    text = folded
    if _LEET_ANY.search(text):
        text = _LEET_CANDIDATE.sub(lambda m: _deleet(m.group(0), one), text)
    text = _join_spelt_out(text).replace("\n", " . ")
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=512)
def analyse(text: str) -> Text:
    """`text` as the rules read it; every rule reading one comment shares the result."""
    folded = fold(text)
    found = tokens(folded, "i")
    alternatives = tokens(folded, "l") if "1" in folded else found
    if len(alternatives) != len(found):
        alternatives = found
    keys = tuple(
        (spellings(a) if a == b else spellings(a) | spellings(b)) if a[0].isalnum() else frozenset()
        for a, b in zip(found, alternatives, strict=True)
    )
    return Text(
        folded=folded,
        tokens=tuple(found),
        keys=keys,
        line=" ".join(found),
        quoted=_quoted_positions(folded, len(found)),
    )


_QUOTATION = re.compile(r'«[^«»]*»|“[^“”]*”|"[^"]*"|„[^„“”]*[“”]')


def _quoted_positions(folded: str, count: int) -> frozenset[int]:
    """The positions of the tokens written between quotation marks."""
    if not any(mark in folded for mark in '«"“„'):
        return frozenset()
    quoted: set[int] = set()
    for match in _QUOTATION.finditer(folded):
        first = len(tokens(folded[: match.start()], "i"))
        last = len(tokens(folded[: match.end()], "i"))
        quoted.update(range(first, min(last, count)))
    return frozenset(quoted)


def is_sentence_end(token: str) -> bool:
    """Whether the token ends a sentence (a line break counts as a full stop)."""
    return token in _SENTENCE_END


def sentence_around(tokens: tuple[str, ...], index: int) -> tuple[str, ...]:
    """The tokens of the sentence that holds the token at `index`."""
    start = index
    while start > 0 and not is_sentence_end(tokens[start - 1]):
        start -= 1
    end = index
    while end < len(tokens) and not is_sentence_end(tokens[end]):
        end += 1
    return tokens[start:end]
