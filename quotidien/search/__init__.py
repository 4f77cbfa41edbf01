"""French-aware full-text search of the archive and its page."""

# How many words each of search's word caches keeps (stems, terms, name keys, a snippet's
# words): under 200 bytes each, so that a worker holds some ten megabytes of them at most
# however large the archive's vocabulary. The words that come back are few, a small
# cache serves them as well as a large one, and a word missed costs microseconds.
WORD_CACHE_SIZE = 8_192
