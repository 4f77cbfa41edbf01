"""« Vouliez-vous dire : électricité beyrouth ? »: a query that finds nothing, written
again with the archive's own words.

When a search finds nothing, each word of the query that the archive does not hold (or
holds in a few articles only, where a much more frequent word is one typing slip away)
is replaced by the nearest word of the vocabulary (`vocabulary`): a letter missing, one
too many, one wrong, two letters swapped; in a word of `TWO_SLIPS_LENGTH` letters or
more, also two slips when one of them is a letter too many (two wrong letters, or a
wrong one and a missing one, are not looked for). Among words as near, the one more
articles hold, written as the archive writes it (accents restored) in the case the
reader typed. The words that match are kept as typed, and so are the quotes and the
excluded words; the suggestion is made only if it finds articles with the same filters.

The vocabulary is never read whole: the candidates of a word are found through the
index of the words with one letter left out (`models.WordDeletion`), in one query for
all the words of the query, then ranked by edit distance.
"""

import itertools
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from quotidien.news.models import Author, SectionPage
from quotidien.text import WORD

from .backends import get_backend
from .models import Word
from .query import CHUNK, QUOTES, QueryError, parse_query
from .service import SearchResults, search_filters
from .vocabulary import deletions, entry

# A search that finds fewer articles than this gets a suggestion, if there is one. A
# search that finds some has none: each of its words matches already, and the page of
# results costs the same queries however many they are.
FEW_RESULTS = 1
# Words shorter than this are left as typed: too many words are one slip away.
MIN_LENGTH = 4
# From this length on, a word may hold two slips.
TWO_SLIPS_LENGTH = 6
# A word the archive holds is replaced only by a word this many times more frequent
# (the archive has its own typos: « electrcité » may well be in one article).
MORE_FREQUENT = 20
# Candidates kept per word, combinations of them weighed (a query of twelve misspelt
# words has half a million), and the best of those tried against the index.
CANDIDATES = 3
COMBINATIONS = 64
TRIES = 3


@dataclass(frozen=True)
class Part:
    """A piece of the suggested query, and whether it is a word put right."""

    text: str
    corrected: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A query to propose instead of the reader's: `text` to search, `parts` to show."""

    text: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class _Slip:
    """A word of the reader's query that may be misspelt, where it is in the query."""

    start: int
    end: int
    typed: str
    folded: str
    term: str
    articles: int  # how many articles its term finds (0: none)


@dataclass(frozen=True)
class _Candidate:
    written: str
    distance: int
    articles: int


def _searched_words(text: str) -> list[tuple[int, int, str]]:
    """The words that the query searches for, with their place in `text`: those of
    excluded chunks (« -mot ») are left out."""
    found = []
    for match in CHUNK.finditer(text.translate(QUOTES)):
        if match["minus"] or match["minus2"]:
            continue
        group = "phrase" if match["phrase"] is not None else "word"
        offset = match.start(group)
        found += [
            (offset + word.start(), offset + word.end(), word.group())
            for word in WORD.finditer(match[group])
        ]
    return found


def _slips(text: str) -> list[_Slip]:
    """The words of the query worth correcting, with their count in the archive."""
    words = []
    for start, end, typed in _searched_words(text):
        if (found := entry(typed)) is not None and len(found[0]) >= MIN_LENGTH:
            words.append((start, end, typed, *found))
    counts = dict(
        Word.objects.filter(term__in={term for *_, term in words})
        .values("term")
        .annotate(articles=Max("articles"))
        .values_list("term", "articles")
    )
    return [_Slip(*word, articles=counts.get(word[-1], 0)) for word in words]


def _max_distance(folded: str) -> int:
    return 2 if len(folded) >= TWO_SLIPS_LENGTH else 1


def _lookup_keys(folded: str) -> set[str]:
    """What a word of the vocabulary within reach of `folded` is, or has among its
    deletions: `folded` itself, and `folded` with one (two, for a long word) of its
    letters left out."""
    keys = {folded} | deletions(folded)
    if _max_distance(folded) > 1:
        keys |= {twice for once in deletions(folded) for twice in deletions(once)}
    return keys


def _near(slips: list[_Slip]) -> dict[_Slip, list[_Candidate]]:
    """The nearest words of the vocabulary for each word of the query, best first: any
    word for one the vocabulary does not hold, only a far more frequent one for one it
    holds. A name the search finds by its key (`names`: « beyrout » finds « Beyrouth »)
    gets the archive's spelling too, but never alone: the suggestion must find more."""
    if not slips:
        return {}
    # Imported here: only a search that finds little asks, and a web process that never
    # proposes a spelling does not carry the library (some 4 MB).
    from rapidfuzz.distance import OSA

    keys = set().union(*(_lookup_keys(slip.folded) for slip in slips))
    columns = ("folded", "written", "term", "articles")
    words = Word.objects.filter(articles__gt=0)
    rows = list(
        words.filter(folded__in=keys)
        .values_list(*columns)
        .union(words.filter(deletions__variant__in=keys).values_list(*columns))
    )
    found: dict[_Slip, list[_Candidate]] = {}
    for slip in slips:
        nearest = []
        for folded, written, term, articles in rows:
            if term == slip.term or articles < slip.articles * MORE_FREQUENT:
                continue
            distance = OSA.distance(slip.folded, folded, score_cutoff=_max_distance(slip.folded))
            if distance > _max_distance(slip.folded):
                continue
            nearest.append(_Candidate(written=written, distance=distance, articles=articles))
        nearest.sort(key=lambda candidate: (candidate.distance, -candidate.articles))
        if nearest:
            found[slip] = nearest[:CANDIDATES]
    return found


def _as_typed(typed: str, written: str) -> str:
    """`written` in the case the reader typed: « beyrout » → « beyrouth », « Beyrout » →
    « Beyrouth », « BEYROUT » → « BEYROUTH »."""
    if typed.isupper() and len(typed) > 1:
        return written.upper()
    if typed.islower():
        return written.lower()
    return written[0].upper() + written[1:]


def _written_again(text: str, choice: dict[_Slip, _Candidate]) -> Suggestion:
    parts, at = [], 0
    for slip in sorted(choice, key=lambda slip: slip.start):
        parts += [
            Part(text[at : slip.start]),
            Part(_as_typed(slip.typed, choice[slip].written), True),
        ]
        at = slip.end
    parts.append(Part(text[at:]))
    parts = tuple(part for part in parts if part.text)
    return Suggestion(text="".join(part.text for part in parts), parts=parts)


def suggest(
    *,
    query: str,
    found: int,
    section: SectionPage | None = None,
    author: Author | None = None,
    since: date | None = None,
    until: date | None = None,
    live_pages: bool = False,
) -> Suggestion | None:
    """A better query than `query` (which found `found` articles with these filters,
    as `service.search_articles` takes them, live pages too with `live_pages`), or None."""
    if found >= FEW_RESULTS:
        return None
    text = unicodedata.normalize("NFC", " ".join((query or "").split()))
    near = _near(_slips(text))
    if not near:
        return None
    filters = search_filters(
        section=section, author=author, since=since, until=until, live_pages=live_pages
    )
    slips = list(near)
    # The best candidates of every word first; a bounded number of other combinations.
    combinations = itertools.islice(
        itertools.product(*(near[slip] for slip in slips)), COMBINATIONS
    )
    choices = sorted(
        combinations,
        key=lambda chosen: (
            sum(candidate.distance for candidate in chosen),
            -min(candidate.articles for candidate in chosen),
        ),
    )
    backend = get_backend()
    for chosen in choices[:TRIES]:
        suggestion = _written_again(text, dict(zip(slips, chosen, strict=True)))
        try:
            parsed = parse_query(suggestion.text)
        except QueryError:
            continue
        if len(backend.search(query=parsed, filters=filters, order="date").keys) > found:
            return suggestion
    return None


def suggestion_for(results: SearchResults | None, **arguments) -> Suggestion | None:
    """The suggestion for a page of `results` of `service.search_articles(**arguments)`:
    None when there are enough results, or when the query could not be searched."""
    if results is None:
        return None
    arguments = {key: value for key, value in arguments.items() if key not in ("order", "page")}
    return suggest(found=results.count, **arguments)
