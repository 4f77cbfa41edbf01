"""A worker's caches of words stay small whatever the archive's vocabulary: a web worker
highlights the words of every page of results it makes, and an archive holds hundreds of
thousands of different ones."""

import random
import tracemalloc

from quotidien.search import analysis, names, snippets, vocabulary

CACHES = [
    analysis.stem,
    analysis.term_of,
    analysis.token_terms,
    names._fold_word,
    snippets._word_terms,
    snippets._stop_word,
    vocabulary.entry,
]
LETTERS = "abcdefghijklmnopqrstuvwxyzéèàç"


def test_thirty_thousand_different_words_leave_at_most_fifteen_megabytes():
    rng = random.Random(7)
    words = ["".join(rng.choices(LETTERS, k=rng.randint(5, 11))) for _ in range(30_000)]
    words[::2] = [word.capitalize() for word in words[::2]]  # names go through their keys
    for cache in CACHES:
        cache.cache_clear()

    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for word in words:
            snippets._word_terms(word)
            snippets._stop_word(word)
            vocabulary.entry(word)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()

    kept = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert kept < 15_000_000
    # The words are still read as before: the caches only forget.
    assert analysis.term_of("Incendies") == analysis.term_of("incendie")
