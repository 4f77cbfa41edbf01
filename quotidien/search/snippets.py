"""Snippets of results: the passage of an article where the reader's words are, words marked.

Built in Python from the stored text, so they are the same on every database and
safe: the text is HTML-escaped word by word, and only `<mark>` is added. A phrase of the
query (`query.Highlights`) is marked as one, where its words stand together as the index
finds them; its words standing elsewhere are not marked.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quotidien.text import cut_short

from . import WORD_CACHE_SIZE, analysis
from .documents import PARAGRAPH_BREAK
from .query import Highlights

SNIPPET_WORDS = 32
TEASER_WORDS = 45
ELLIPSIS = "…"


class _Word(NamedTuple):
    # A tuple: a result's snippet reads every word of its text, a thousand in a long one.
    start: int
    end: int


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_terms(word: str) -> tuple[str | None, str | None]:
    """The term of one word as written, and its key as the index has it (a capitalised
    word's): words come back in article after article, names too, and a page of results
    reads thousands of them."""
    terms, key = analysis.token_terms(word)
    return (terms[0] if terms else None), key


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _stop_word(word: str) -> str | None:
    """The folded word, for a stop word (« de », « est »): the parts of a compound
    (« Alep-Est ») keep theirs in the index; None for any other word."""
    folded = "".join(analysis.words(word))
    return folded if folded in analysis.STOP_WORDS else None


def _matches(word: str, term: str) -> bool:
    found, key = _word_terms(word)
    return term in (found, key) or (found is None and _stop_word(word) == term)


def _skipped(word: str) -> bool:
    """Whether a phrase goes on across `word`, as the index has it: a stop word (« port de
    Beyrouth ») or the Arabic article (« Bachar el-Assad »), which it looks over."""
    return _word_terms(word)[0] in (None, "al")


def _phrase_end(words: list[str], first: int, phrase: tuple[str, ...]) -> int | None:
    """Index of the last word of `phrase` standing at `words[first]`, or None."""
    i = first
    for term in phrase[1:]:
        i += 1
        while i < len(words) and not _matches(words[i], term) and _skipped(words[i]):
            i += 1
        if i == len(words) or not _matches(words[i], term):
            return None
    return i


class _Scan(NamedTuple):
    """A text's words as written, and where the reader's are: (first index, last index,
    term or phrase) of each, in order."""

    words: list[str]
    hits: list[tuple[int, int, str | tuple[str, ...]]]


def _highlights(terms: Iterable[str]) -> Highlights:
    return terms if isinstance(terms, Highlights) else Highlights(terms)


def _scan(text: str, terms: Highlights) -> _Scan:
    # Only the words are listed (no position, no tuple per word): a page of results reads
    # thousands of them, and the positions of a snippet's few dozen are found afterwards.
    words = analysis.WORD.findall(text)
    openings = {phrase[0] for phrase in terms.phrases}
    # A compound's part may be a stop word (« Alep-Est »), which has no term of its own.
    stop_openings = openings & analysis.STOP_WORDS
    hits = []
    for i, word in enumerate(words):
        term, key = _word_terms(word)
        if term in terms:
            hits.append((i, i, term))
        elif key in terms:
            hits.append((i, i, key))
        if (
            term in openings
            or key in openings
            or (stop_openings and term is None and _stop_word(word) in stop_openings)
        ):
            for phrase in terms.phrases:
                if (
                    _matches(word, phrase[0])
                    and (last := _phrase_end(words, i, phrase)) is not None
                ):
                    hits.append((i, last, phrase))
    return _Scan(words, hits)


def _best_start(hits: list[tuple[int, int, str | tuple]], size: int) -> int | None:
    """Index of the first word of the window of `size` words holding most distinct terms
    and phrases."""
    best, best_score = None, 0
    for first, _last, _found in hits:
        window = {found for i, last, found in hits if first <= i and last < first + size}
        score = len(window) * 10 - (first > 0)
        if score > best_score:
            best, best_score = first, score
    return best


def _spans(hits: list[tuple[int, int, str | tuple]], first: int, end: int) -> list[list[int]]:
    """The runs of words to mark between word `first` and word `end` (excluded), from the
    hits: a phrase is one run, and runs that overlap are joined."""
    spans: list[list[int]] = []
    for start, last, _found in hits:  # in the order of their first words
        start, last = max(start, first), min(last, end - 1)
        if start > last:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([start, last])
    return spans


def _marked(text: str, words: list[_Word], spans: list[list[int]]) -> str:
    """`text` escaped, the runs of `words` of `spans` (indexes into `words`) wrapped in
    <mark>."""
    parts, cursor = [], 0
    for first, last in spans:
        parts.append(escape(text[cursor : words[first].start]))
        parts.append(f"<mark>{escape(text[words[first].start : words[last].end])}</mark>")
        cursor = words[last].end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def snippet(text: str, terms: Iterable[str], size: int = SNIPPET_WORDS) -> SafeString | None:
    """About `size` words of `text` around the reader's words, marked; None if none is there."""
    terms = _highlights(terms)
    return _snippet(text, _scan(text, terms), size)


def _snippet(text: str, scan: _Scan, size: int = SNIPPET_WORDS) -> SafeString | None:
    start = _best_start(scan.hits, size)
    if start is None:
        return None
    # A few words of context before the first match, unless the text starts there.
    start = max(0, start - 4)
    window = [
        _Word(*match.span()) for match in islice(analysis.WORD.finditer(text), start, start + size)
    ]
    begin = 0 if start == 0 else window[0].start
    end = len(text) if start + size >= len(scan.words) else window[-1].end
    passage = text[begin:end].replace(PARAGRAPH_BREAK, " " * len(PARAGRAPH_BREAK))
    shifted = [_Word(w.start - begin, w.end - begin) for w in window]
    spans = [
        [first - start, last - start] for first, last in _spans(scan.hits, start, start + size)
    ]
    html = _marked(passage, shifted, spans)
    prefix = ELLIPSIS + " " if begin else ""
    if end < len(text):
        html = cut_short(html)
    return mark_safe(f"{prefix}{html}")  # noqa: S308 (escaped by _marked)


def marked(text: str, terms: Iterable[str]) -> SafeString:
    """The whole of `text` (a standfirst), escaped, the reader's words marked."""
    scan = _scan(text, _highlights(terms))
    words = [_Word(*match.span()) for match in analysis.WORD.finditer(text)]
    return mark_safe(_marked(text, words, _spans(scan.hits, 0, len(words))))  # noqa: S308


def teaser(body: str, size: int = TEASER_WORDS) -> str:
    """What a reader without access sees: the first paragraph, cut with « … »."""
    words = body.split(PARAGRAPH_BREAK, 1)[0].split()
    if len(words) <= size and PARAGRAPH_BREAK not in body:
        # A one-paragraph article: its teaser must not be the whole of it.
        size = len(words) // 2
    return cut_short(" ".join(words[:size]))


def best_snippet(texts: Sequence[str], terms: Iterable[str]) -> SafeString:
    """The snippet of whichever of `texts` holds most distinct words of the reader (the
    first on a tie); the start of the first text when none holds any."""
    terms = _highlights(terms)
    # Each text's words are read once: to count the reader's words in it, then to cut
    # the snippet of the one chosen.
    scans = [_scan(text, terms) for text in texts]
    found = [len({term for _first, _last, term in scan.hits}) for scan in scans]
    if found and max(found):
        best = found.index(max(found))
        return _snippet(texts[best], scans[best])
    words = next((text for text in texts if text), "").split()
    cut = escape(" ".join(words[:SNIPPET_WORDS]))
    return mark_safe(cut_short(cut)) if len(words) > SNIPPET_WORDS else cut  # noqa: S308 (escaped)
