"""What a search backend must do, whatever the engine behind it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.utils.safestring import SafeString

from .. import snippets
from ..documents import Document
from ..query import SearchQuery

# Results a reader can page through: fifty pages of twenty. Counting or ranking
# further than this is work nobody reads.
MAX_MATCHES = 1000


@dataclass(frozen=True)
class Filters:
    """Restrictions on the matches: a section (sub-sections included), an author, a period,
    the articles alone."""

    section_path: str | None = None
    author_id: int | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    articles_only: bool = False  # live pages left out (the API's search)


@dataclass(frozen=True)
class Matches:
    """The ordered keys of the matches (at most `MAX_MATCHES`) and whether there were more."""

    keys: Sequence
    more: bool = False


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it besides the article's card."""

    article_id: int
    snippet: SafeString  # escaped, the reader's words marked
    teaser: str  # the first paragraph cut with « … », for subscriber-only articles

    @classmethod
    def of(cls, *, article_id: int, standfirst: str, body: str, terms: frozenset[str]) -> "Hit":
        """The hit of an article's stored text for the reader's `terms`."""
        return cls(
            article_id=article_id,
            snippet=snippets.best_snippet([standfirst, body], terms),
            teaser=snippets.teaser(body),
        )


class SearchBackend(Protocol):
    """An index of live articles that answers parsed queries."""

    def search(self, *, query: SearchQuery, filters: Filters, order: str) -> Matches:
        """Keys of the matches of `query` within `filters`, best first (`order="relevance"`:
        weighted by field, the more recent first among equals) or newest first (`"date"`).

        Relevance is exact up to `MAX_MATCHES` matches; beyond, a backend may rank only
        the most recent `MAX_MATCHES` of them.
        """
        ...

    def hits(self, keys: Sequence, *, query: SearchQuery) -> list[Hit]:
        """The hits of `keys` (one page of them), in that order."""
        ...

    def index(self, documents: Iterable[Document]) -> None:
        """Add or replace these articles in the index."""
        ...

    def remove(self, article_ids: Iterable[int]) -> None:
        """Take these articles out of the index (unknown ones are ignored)."""
        ...

    def clear(self) -> None:
        """Empty the index."""
        ...

    def unindexed(self, article_ids) -> Iterable[int]:
        """Those of `article_ids` (a queryset of ids) that are not in the index."""
        ...
