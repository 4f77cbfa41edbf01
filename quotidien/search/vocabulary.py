"""The archive's vocabulary: the words of the live articles, for « Vouliez-vous dire ? ».

Each word (`models.Word`) is kept folded (`quotidien.text.fold`, what a reader's
misspelling is compared with), as the articles write it most (what a suggestion shows),
with its term (`analysis.term_of`, what search looks for) and how many live articles
that term finds. Beside it, the word with each of its letters left out in turn
(`models.WordDeletion`): a misspelling and the word it misses share one of those, or
one of the misspelling's own, which finds the word in a few index lookups whatever the
size of the vocabulary (`suggestions`).

Two things keep it in step with the archive:

- indexing adds the words it has not seen yet (`add_words`: one lookup, and two inserts
  when there are new words), counted in the indexed articles that hold them;
- `recount()` (the task `recount_vocabulary`, enqueued every night by
  `publish_scheduled_loop` through `quotidien recount_search_vocabulary`, and run at the
  end of `quotidien rebuild_search_index`) takes every count from the index itself, and
  drops the words whose term no live article holds any more.

The locked text of subscriber articles is indexed, so its words are in the vocabulary
too: a reader who types them finds those articles (with their standfirst only), and a
suggestion only leads where the correctly spelt word leads. It tells of the locked
text no more than search itself does: that some article holds the word.
"""

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from django.db import connections, router, transaction
from django.utils import timezone
from django_tasks import task

from quotidien.text import WORD, fold

from . import WORD_CACHE_SIZE, analysis
from .documents import Document
from .models import Word, WordDeletion

# Words shorter than this are not worth suggesting, nor words longer than the column.
MIN_LENGTH = 3
MAX_LENGTH = 40
# Words looked up at once when indexing a large batch of articles.
LOOKUP_CHUNK = 2000

# Where each database's full-text index says how many articles hold each term: a
# temporary table `search_term_counts (term, articles)`. They read the tables of the
# database backend (`backends.database`), whose terms are `analysis`'s own; names'
# keys (`names.KEY_MARK`) and PostgreSQL's periods (`PERIOD_MARK`) are left out.
TERM_COUNTS = {
    "sqlite": [
        "CREATE VIRTUAL TABLE temp.search_term_source USING fts5vocab(main, search_fts, row)",
        "CREATE TEMP TABLE search_term_counts AS SELECT term, doc AS articles "
        "FROM temp.search_term_source WHERE term NOT LIKE '0%'",
        "DROP TABLE temp.search_term_source",
    ],
    "postgresql": [
        "CREATE TEMP TABLE search_term_counts AS SELECT word AS term, ndoc AS articles "
        "FROM ts_stat('SELECT vector FROM search_vector') "
        "WHERE word NOT LIKE '0%' AND word NOT LIKE '@%'",
    ],
}
# The same on both databases (UPDATE … FROM: SQLite 3.33 or later).
RECOUNT = [
    "CREATE INDEX search_term_counts_term ON search_term_counts (term)",
    "UPDATE search_word SET articles = counts.articles FROM search_term_counts AS counts "
    "WHERE counts.term = search_word.term AND search_word.articles <> counts.articles",
]
# Words no live article holds, but those added while the counts were taken.
_VANISHED = (
    "SELECT folded FROM search_word WHERE added_at < %s AND NOT EXISTS "
    "(SELECT 1 FROM search_term_counts AS counts WHERE counts.term = search_word.term)"
)
DROP_VANISHED = [
    f"DELETE FROM search_worddeletion WHERE word IN ({_VANISHED})",
    f"DELETE FROM search_word WHERE folded IN ({_VANISHED})",
]


# The words of a batch are mostly the same few thousand: a small cache does (see
# WORD_CACHE_SIZE), and keeps a web worker (which indexes what an editor publishes) small.
@lru_cache(maxsize=WORD_CACHE_SIZE)
def entry(written: str) -> tuple[str, str] | None:
    """The folded form and the term of a word as written, or None for a word the
    vocabulary does not keep: stop words, numbers, words too short or too long."""
    folded = fold(written)
    if not (MIN_LENGTH <= len(folded) <= MAX_LENGTH and folded.isalpha()):
        return None
    term = analysis.term_of(written)
    return (folded, term) if term else None


def deletions(folded: str) -> set[str]:
    """`folded` with one of its letters left out, each way: « beyrouth » → « eyrouth »,
    « byrouth », …, « beyrout »."""
    return {folded[:i] + folded[i + 1 :] for i in range(len(folded))}


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batch_words(documents: Iterable[Document]) -> dict[str, Word]:
    """The words of `documents`, unsaved, by folded form: each as written most often,
    and counted in the documents that hold it."""
    forms: defaultdict[str, Counter] = defaultdict(Counter)
    articles: Counter = Counter()
    for document in documents:
        text = unicodedata.normalize("NFC", " ".join(document.weighted_texts))
        held = set()
        for written, times in Counter(WORD.findall(text)).items():
            if (found := entry(written)) is not None:
                forms[found[0]][written] += times
                held.add(found[0])
        articles.update(held)
    words = {}
    for folded, written in forms.items():
        # The most frequent form; among equals, lower case (a word at the start of a
        # sentence is not a name).
        form = max(written.items(), key=lambda item: (item[1], item[0].islower(), item[0]))[0]
        words[folded] = Word(
            folded=folded, written=form, term=entry(form)[1], articles=articles[folded]
        )
    return words


def add_words(documents: Iterable[Document]) -> int:
    """Add to the vocabulary the words of `documents` it does not hold yet; returns how
    many. The counts of the words it holds wait for the next `recount()`; their terms
    follow the stemming of the day."""
    words = batch_words(documents)
    if not words:
        return 0
    known = {}
    for chunk in _chunks(list(words), LOOKUP_CHUNK):
        known.update(Word.objects.filter(folded__in=chunk).values_list("folded", "term"))
    if stale := [
        word for folded, word in words.items() if known.get(folded, word.term) != word.term
    ]:
        # The stemming changed since the word was added (the archive is being indexed again).
        Word.objects.bulk_update(stale, ["term"], batch_size=LOOKUP_CHUNK)
    new = [word for folded, word in words.items() if folded not in known]
    if not new:
        return 0
    with transaction.atomic(using=router.db_for_write(Word)):
        # Another request may be adding the same words: theirs or ours, they are the same.
        Word.objects.bulk_create(new, ignore_conflicts=True)
        WordDeletion.objects.bulk_create(
            (
                WordDeletion(variant=variant, word_id=word.folded)
                for word in new
                for variant in deletions(word.folded)
            ),
            ignore_conflicts=True,
        )
    return len(new)


def recount() -> int | None:
    """Every word's count of live articles, from the database's full-text index; words
    no live article holds are dropped. Returns how many words are left, or None when
    the index is another engine's (the counts made when words were added then stay)."""
    from .backends import get_backend
    from .backends.database import DatabaseSearchBackend

    alias = router.db_for_write(Word)
    connection = connections[alias]
    if not isinstance(get_backend(), DatabaseSearchBackend):
        return None
    started = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_term_counts")
        try:
            for statement in TERM_COUNTS[connection.vendor]:
                cursor.execute(statement)
            with transaction.atomic(using=alias):
                for statement in RECOUNT:
                    cursor.execute(statement)
                for statement in DROP_VANISHED:
                    cursor.execute(statement, [started])
        finally:
            cursor.execute("DROP TABLE IF EXISTS search_term_counts")
        # Fresh statistics, or a planner that takes the tables for small (after a rebuild)
        # reads every deletion instead of looking a few up.
        cursor.execute("ANALYZE search_word")
        cursor.execute("ANALYZE search_worddeletion")
    return Word.objects.using(alias).count()


@task()
def recount_vocabulary() -> int | None:
    """`recount()`, for the worker: a few seconds to minutes over a large archive."""
    return recount()


def clear() -> None:
    """Empty the vocabulary (the search index is being made anew)."""
    alias = router.db_for_write(Word)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # Not the ORM's delete(), which would read every word first for the cascade.
        for model in (WordDeletion, Word):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
