"""Search backends: where the index lives and how a parsed query is answered.

The backend is chosen by the setting `QUOTIDIEN_SEARCH_BACKEND` (a dotted path to
a class implementing `base.SearchBackend`); by default the database's own
full-text search (`database.DatabaseSearchBackend`: FTS5 on SQLite, tsvector on
PostgreSQL). Everything else (the page, the signals, the commands) goes through
`get_backend()` and never looks at which backend it is.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Filters, Hit, Matches, SearchBackend

DEFAULT_BACKEND = "quotidien.search.backends.database.DatabaseSearchBackend"

__all__ = ["Filters", "Hit", "Matches", "SearchBackend", "get_backend"]


@cache
def _backend(path: str) -> SearchBackend:
    return import_string(path)()


def get_backend() -> SearchBackend:
    """The configured search backend (one instance per process)."""
    return _backend(getattr(settings, "QUOTIDIEN_SEARCH_BACKEND", DEFAULT_BACKEND))
