"""The backend of Wagtail's own searches (the back office's search boxes and choosers).

modelsearch's database backend, except that on SQLite a double quotation mark in what an
editor types is kept as a character: the FTS5 index reads a quote as the start or end of a
phrase, and modelsearch passes it through, so a lone quote (`"Chouf`) was a syntax error
of the index, a server error. PostgreSQL and MySQL take modelsearch's backend as it is.
"""

import functools

from django.db import connection
from modelsearch.backends import database
from modelsearch.query import Phrase, PlainText


def SearchBackend(params):  # the name modelsearch looks for in a backend module
    """modelsearch's database backend for this database, quotes made safe on SQLite."""
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):  # not the fallback, without FTS5
        return _quotes_safe_sqlite_backend()(params)
    return backend


def _quoted(text: str) -> str:
    """`text` inside an FTS5 string, where a quotation mark is written twice."""
    return text.replace('"', '""')


@functools.cache
def _quotes_safe_sqlite_backend() -> type:
    # Imported here: the SQLite modules load their index model, which exists on SQLite only.
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class QuotesAsText:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(
                    _quoted(query.query_string), operator=query.operator, boost=query.boost
                )
            elif isinstance(query, Phrase):
                query = Phrase(_quoted(query.query_string))
            return super().build_search_query_content(query, config=config)

    class SearchQueryCompiler(QuotesAsText, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(QuotesAsText, SQLiteAutocompleteQueryCompiler):
        pass

    class QuotesSafeSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = SearchQueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return QuotesSafeSQLiteSearchBackend
