"""The word lists the screening uses: shipped defaults, as edited in the back office."""

from functools import lru_cache
from pathlib import Path

from .models import WordList
from .screening import WordLists, parse_word_list

DEFAULTS_DIR = Path(__file__).resolve().parent / "wordlists"


def default_text(kind: str) -> str:
    """The shipped list of one kind, as a moderator sees it in the back office."""
    return (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8")


def ensure_word_lists() -> None:
    """Create the editable lists from the shipped defaults where they are missing."""
    existing = set(WordList.objects.values_list("kind", flat=True))
    WordList.objects.bulk_create(
        WordList(kind=kind, words=default_text(kind))
        for kind in WordList.Kind.values
        if kind not in existing
    )


def current_word_lists() -> WordLists:
    """The lists in force: the back office's, else the defaults.

    One small query tells whether a list changed since this process last built them,
    so an edit takes effect at once in every web process.
    """
    stamp = tuple(WordList.objects.order_by("kind").values_list("pk", "kind", "updated_at"))
    return _build(stamp)


@lru_cache(maxsize=4)
def _build(stamp: tuple) -> WordLists:
    stored = dict(WordList.objects.values_list("kind", "words"))
    return WordLists(
        **{
            kind: parse_word_list(stored[kind] if kind in stored else default_text(kind))
            for kind in WordList.Kind.values
        }
    )
