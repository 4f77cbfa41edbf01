"""Snippets of results: the passage of an article where the reader's words are, words marked.

Built in Python from the stored text, so they are the same on every database and
safe: the text is HTML-escaped word by word, and only `<mark>` is added.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import analysis
from .documents import PARAGRAPH_BREAK

SNIPPET_WORDS = 32
TEASER_WORDS = 45
ELLIPSIS = "…"


class _Word(NamedTuple):
    # A tuple: a result's snippet reads every word of its text, a thousand in a long one.
    start: int
    end: int
    term: str | None
    key: str | None = None  # of a name: « Hizbollah » is marked for « Hezbollah »

    def found(self, terms: frozenset[str]) -> str | None:
        """Which of `terms` this word is (its term or its key), if any."""
        if self.term in terms:
            return self.term
        return self.key if self.key in terms else None


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str | None, str | None]:
    """The term of one word as written, and its key as the index has it (a capitalised
    word's): words come back in article after article, names too, and a page of results
    reads thousands of them."""
    terms, key = analysis.token_terms(word)
    return (terms[0] if terms else None), key


def _words(text: str) -> list[_Word]:
    return [
        _Word(*match.span(), *_word_terms(match.group())) for match in analysis.WORD.finditer(text)
    ]


def _marked(text: str, words: list[_Word], terms: frozenset[str]) -> str:
    """`text` escaped, its words whose term is in `terms` wrapped in <mark>."""
    parts, cursor = [], 0
    for word in words:
        if word.found(terms):
            parts.append(escape(text[cursor : word.start]))
            parts.append(f"<mark>{escape(text[word.start : word.end])}</mark>")
            cursor = word.end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


class _Scan(NamedTuple):
    """A text's words as written, and where the reader's are: (index, term) of each."""

    words: list[str]
    hits: list[tuple[int, str]]


def _scan(text: str, terms: frozenset[str]) -> _Scan:
    # Only the words are listed (no position, no tuple per word): a page of results reads
    # thousands of them, and the positions of a snippet's few dozen are found afterwards.
    words = analysis.WORD.findall(text)
    hits = []
    for i, word in enumerate(words):
        term, key = _word_terms(word)
        if term in terms:
            hits.append((i, term))
        elif key in terms:
            hits.append((i, key))
    return _Scan(words, hits)


def _best_start(hits: list[tuple[int, str]], size: int) -> int | None:
    """Index of the first word of the window of `size` words holding most distinct terms."""
    best, best_score = None, 0
    for first, _term in hits:
        window = {term for i, term in hits if first <= i < first + size}
        score = len(window) * 10 - (first > 0)
        if score > best_score:
            best, best_score = first, score
    return best


def snippet(text: str, terms: Iterable[str], size: int = SNIPPET_WORDS) -> SafeString | None:
    """About `size` words of `text` around the reader's words, marked; None if none is there."""
    terms = frozenset(terms)
    return _snippet(text, _scan(text, terms), terms, size)


def _snippet(
    text: str, scan: _Scan, terms: frozenset[str], size: int = SNIPPET_WORDS
) -> SafeString | None:
    start = _best_start(scan.hits, size)
    if start is None:
        return None
    # A few words of context before the first match, unless the text starts there.
    start = max(0, start - 4)
    window = [
        _Word(*match.span(), *_word_terms(match.group()))
        for match in islice(analysis.WORD.finditer(text), start, start + size)
    ]
    begin = 0 if start == 0 else window[0].start
    end = len(text) if start + size >= len(scan.words) else window[-1].end
    passage = text[begin:end].replace(PARAGRAPH_BREAK, " " * len(PARAGRAPH_BREAK))
    shifted = [_Word(w.start - begin, w.end - begin, w.term, w.key) for w in window]
    html = _marked(passage, shifted, terms)
    prefix = ELLIPSIS + " " if begin else ""
    suffix = " " + ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 (escaped by _marked)


def marked(text: str, terms: Iterable[str]) -> SafeString:
    """The whole of `text` (a standfirst), escaped, the reader's words marked."""
    return mark_safe(_marked(text, _words(text), frozenset(terms)))  # noqa: S308 (escaped)


def teaser(body: str, size: int = TEASER_WORDS) -> str:
    """What a reader without access sees: the first paragraph, cut with « … »."""
    words = body.split(PARAGRAPH_BREAK, 1)[0].split()
    if len(words) <= size and PARAGRAPH_BREAK not in body:
        # A one-paragraph article: its teaser must not be the whole of it.
        size = len(words) // 2
    return " ".join(words[:size] + [ELLIPSIS])


def best_snippet(texts: Sequence[str], terms: Iterable[str]) -> SafeString:
    """The snippet of whichever of `texts` holds most distinct words of the reader (the
    first on a tie); the start of the first text when none holds any."""
    terms = frozenset(terms)
    # Each text's words are read once: to count the reader's words in it, then to cut
    # the snippet of the one chosen.
    scans = [_scan(text, terms) for text in texts]
    found = [len({term for _i, term in scan.hits}) for scan in scans]
    if found and max(found):
        best = found.index(max(found))
        return _snippet(texts[best], scans[best], terms)
    words = next((text for text in texts if text), "").split()
    cut = " ".join(words[:SNIPPET_WORDS]) + (" " + ELLIPSIS if len(words) > SNIPPET_WORDS else "")
    return escape(cut)
