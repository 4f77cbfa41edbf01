"""The default backend: the database's own full-text search, fed with French stems.

The stems come from `quotidien.search.analysis` on both databases, so that SQLite
and PostgreSQL match the same articles; each database then does what it is good
at: FTS5 on SQLite (occurrences per column, counted by `highlight()`), a weighted
tsvector with a GIN index and `ts_rank` on PostgreSQL, in a narrow table apart from the
text, its vectors holding the day, week, month and year of publication too, so that the
GIN index finds the matches of a period by itself. Neither needs an extension.

Queries first take the matches in reverse chronological order (`docid`), at most
`MAX_MATCHES` of them, which both engines do without ranking every match, then
rank those. Up to `MAX_MATCHES` matches the ranking is exact; beyond, it is the
ranking of the most recent ones, which is what a newspaper's readers expect from a
query that general, and what keeps a query fast in an archive of millions.
"""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import analysis, results
from ..documents import Document
from ..models import SearchEntry
from ..query import Group, Phrase, SearchQuery
from .base import MAX_MATCHES, Filters, Hit, Matches

# How much a word weighs in the headline, the standfirst (with kicker and tags), the body.
WEIGHTS = (10.0, 4.0, 1.0)
# Periods searched in turn for the most recent matches (None: the whole archive). Each
# match of a period costs a read of its row: a common word's day holds enough of them
# more often than not, in a fraction of the rows of its week.
RECENT_PERIODS = (
    timedelta(days=1),
    timedelta(days=7),
    timedelta(days=60),
    timedelta(days=730),
    None,
)
# Matches of a period enough to go by their pace (see `DatabaseSearchBackend.search`).
PACE_SAMPLE = 20
# A word found n times in a field counts n / (n + SATURATION) of the field's weight.
SATURATION = 1.2
# docid = publication second << ID_BITS | low bits of the article id: unique in practice,
# and made unique when it is not (see _assign_docids).
ID_BITS = 20
# PostgreSQL: positions left between fields, so that a phrase never spans two of them.
FIELD_GAP = 100
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
# PostgreSQL: lexemes of the day, week, month and year of publication in each vector
# (never a word's term: no word holds "@"), so that the GIN index finds the matches of a
# period by itself, skipping through the long lists of common words, instead of
# intersecting them with the dates of the period (see `period_terms`).
PERIOD_MARK = "@"
# The most lexemes a period is looked for by: the finest unit that needs no more.
MAX_PERIOD_TERMS = 10
DAY = 86400


def docid_floor(moment: datetime) -> int:
    """The smallest docid of an article published at or after `moment`."""
    return int(moment.timestamp()) << ID_BITS


def _docid(document: Document) -> int:
    return docid_floor(document.published_at) | (document.article_id & ((1 << ID_BITS) - 1))


def _day(seconds: int) -> int:
    return seconds // DAY


def _month(seconds: int) -> int:
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.year * 100 + moment.month


# Units of periods: a lexeme's letter and the bucket of a publication second (UTC); the
# migration 0006 computes the same in SQL for the vectors it copies.
PERIOD_UNITS = (
    ("d", _day),
    ("w", lambda seconds: _day(seconds) // 7),
    ("m", _month),
    ("y", lambda seconds: _month(seconds) // 100),
)


def period_lexemes(docid: int) -> list[str]:
    """The lexemes of the publication period of the entry `docid`, one per unit."""
    seconds = docid >> ID_BITS
    return [f"{PERIOD_MARK}{letter}{bucket(seconds)}" for letter, bucket in PERIOD_UNITS]


def _buckets(letter: str, first: int, last: int) -> list[int]:
    """The buckets of one unit from the second `first` to the second `last`, both in."""
    if letter in "dw":
        step = 1 if letter == "d" else 7
        return list(range(_day(first) // step, _day(last) // step + 1))
    start, end = _month(first), _month(last)
    if letter == "y":
        return list(range(start // 100, end // 100 + 1))
    months = []
    while start <= end:
        months.append(start)
        start = start + 1 if start % 100 < 12 else (start // 100 + 1) * 100 + 1
    return months


def period_terms(since: datetime | None, until: datetime | None) -> list[str] | None:
    """The fewest lexemes (at most MAX_PERIOD_TERMS, of the finest unit that needs no
    more) whose periods cover the days from `since` to `until` (now when None); None
    when there is no `since`, or when even years would take more."""
    if since is None:
        return None
    first = int(since.timestamp())
    last = int((until or timezone.now()).timestamp()) - 1
    if last < first:
        return None
    for letter, _bucket in PERIOD_UNITS:
        if len(buckets := _buckets(letter, first, last)) <= MAX_PERIOD_TERMS:
            return [f"{PERIOD_MARK}{letter}{bucket}" for bucket in buckets]
    return None


class _SQLite:
    """FTS5: one row per article in `search_fts`, its rowid the entry's docid.

    Ranking: each field's weight times a saturating count of the query's occurrences
    in it, as BM25 does without the words' rarity (every match holds every word).
    """

    def match(self, query: SearchQuery) -> str:
        def phrase(terms: Phrase) -> str:
            return '"{}"'.format(" ".join(term.replace('"', '""') for term in terms))

        def group(phrases: Group) -> str:
            return "({})".format(" OR ".join(map(phrase, phrases)))

        required = " AND ".join(group(terms) for terms in query.required)
        if not query.excluded:
            return required
        excluded = " OR ".join(group(terms) for terms in query.excluded)
        return f"({required}) NOT ({excluded})"

    def search_sql(self, query: SearchQuery, filters: Filters, order: str) -> tuple[str, list]:
        where, params = ["search_fts MATCH %s"], [self.match(query)]
        join = ""
        if filters.since:
            where.append("search_fts.rowid >= %s")
            params.append(docid_floor(filters.since))
        if filters.until:
            where.append("search_fts.rowid < %s")
            params.append(docid_floor(filters.until))
        if filters.section_path:
            join = "JOIN search_searchentry AS entry ON entry.docid = search_fts.rowid"
            where.append("entry.path LIKE %s")
            params.append(f"{filters.section_path}%")
        if filters.author_id:
            where.append(_AUTHOR_FILTER.format(docid="search_fts.rowid"))
            params.append(filters.author_id)
        if filters.articles_only:
            where.append(_ARTICLES_FILTER.format(docid="search_fts.rowid"))
        columns = "search_fts.rowid AS docid"
        if order == "relevance":
            # Occurrences of the query in each column, counted on the row alone: highlight()
            # adds one character per occurrence. (bm25() would first read every match's entry
            # in the index to weigh the words, most of the time of a common query.)
            columns += "".join(
                f", length(highlight(search_fts, {column}, char(1), '')) "
                f"- length(search_fts.{name}) AS {name}_count"
                for column, name in enumerate(("headline", "standfirst", "body"))
            )
        recent = (
            f"SELECT {columns} FROM search_fts {join} WHERE {' AND '.join(where)} "
            f"ORDER BY search_fts.rowid DESC LIMIT {MAX_MATCHES + 1}"
        )
        if order != "relevance":
            return recent, params
        score = " + ".join(
            f"{weight} * {name}_count / ({name}_count + {SATURATION})"
            for weight, name in zip(WEIGHTS, ("headline", "standfirst", "body"), strict=True)
        )
        return f"SELECT docid FROM ({recent}) AS recent ORDER BY {score} DESC, docid DESC", params

    def matches(self, cursor, sql: str, params: list) -> list[int]:
        """The docids that a statement of `search_sql` finds."""
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]

    def prepare(self, document: Document) -> list[str]:
        """What is written of `document`, analysed before the writing starts."""
        return list(map(" ".join, analysis.index_fields(document.weighted_texts)))

    def write(self, cursor, documents: list[Document], prepared: list, docids: list[int]) -> None:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, headline, standfirst, body) VALUES (%s, %s, %s, %s)",
            [[docid, *fields] for fields, docid in zip(prepared, docids, strict=True)],
        )

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")


class _PostgreSQL:
    """A tsvector written from our own stems, weights A (headline), B, D (body), in the
    narrow table `search_vector` (docid, path, vector; see migration 0006): matching and
    ranking read it, never the wide rows of the entries, which only snippets read.
    """

    # ts_rank's weights for {D, C, B, A}, in the proportions of WEIGHTS.
    RANK_WEIGHTS = "{{{}}}".format(
        ", ".join(str(weight / WEIGHTS[0]) for weight in (WEIGHTS[2], 0, WEIGHTS[1], WEIGHTS[0]))
    )

    @staticmethod
    def _lexeme(term: str) -> str:
        return "'{}'".format(term.replace("\\", "\\\\").replace("'", "''"))

    def tsquery(self, query: SearchQuery) -> str:
        def phrase(terms: Phrase) -> str:
            return "({})".format(" <-> ".join(self._lexeme(term) for term in terms))

        def group(phrases: Group) -> str:
            return "({})".format(" | ".join(map(phrase, phrases)))

        required = " & ".join(group(terms) for terms in query.required)
        if not query.excluded:
            return required
        excluded = " | ".join(group(terms) for terms in query.excluded)
        return f"({required}) & !({excluded})"

    # Settings of a search's statements alone: no JIT compilation (tens of milliseconds,
    # whenever the planner expects many matches: more than the search itself takes) nor
    # parallel workers (their start costs as much, and a web server's cores are busy).
    SEARCH_SETTINGS = (
        "SELECT set_config('jit', 'off', true), "
        "set_config('max_parallel_workers_per_gather', '0', true)"
    )

    def matches(self, cursor, sql: str, params: list) -> list[int]:
        """The docids that a statement of `search_sql` finds, run with SEARCH_SETTINGS.

        Both statements go in one round trip (the client binds the parameters), which
        PostgreSQL runs as one transaction: the settings end with it. With the server
        binding parameters, a round trip takes one statement: the settings are left out.
        """
        if cursor.db.settings_dict["OPTIONS"].get("server_side_binding"):
            cursor.execute(sql, params)
        else:
            cursor.execute(f"{self.SEARCH_SETTINGS}; {sql}", params)
            cursor.nextset()
        return [row[0] for row in cursor.fetchall()]

    def prepare(self, document: Document) -> str:
        """A tsvector literal: every term with its positions and its field's weight (the
        lexemes of the publication period are added by `write`, once the docid is known)."""
        positions: dict[str, list[str]] = {}
        position = 0
        fields = analysis.index_fields(document.weighted_texts)
        for field_terms, weight in zip(fields, "ABD", strict=True):
            for term in field_terms:
                position = min(position + 1, MAX_POSITION)
                found = positions.setdefault(term, [])
                if len(found) < MAX_POSITIONS_PER_TERM:
                    found.append(f"{position}{weight}")
            position += FIELD_GAP
        return " ".join(f"{self._lexeme(term)}:{','.join(at)}" for term, at in positions.items())

    def search_sql(self, query: SearchQuery, filters: Filters, order: str) -> tuple[str, list]:
        tsquery = self.tsquery(query)
        matched = tsquery
        if periods := period_terms(filters.since, filters.until):
            # The GIN index restricts the matches to the period's days, weeks, months or
            # years; the docids below cut them to the exact moments.
            matched = "({}) & ({})".format(tsquery, " | ".join(map(self._lexeme, periods)))
        where, params = ["vector @@ %s::tsquery"], [matched]
        # `docid + 0`: the dates are never read from the docid index, whose order would
        # tempt the planner to read the table backwards until enough rows match (all of
        # it for a query rarer than it guessed); the GIN index alone finds the matches.
        if filters.since:
            where.append("docid + 0 >= %s")
            params.append(docid_floor(filters.since))
        if filters.until:
            where.append("docid + 0 < %s")
            params.append(docid_floor(filters.until))
        if filters.section_path:
            where.append("path LIKE %s")
            params.append(f"{filters.section_path}%")
        if filters.author_id:
            where.append(_AUTHOR_FILTER.format(docid="docid"))
            params.append(filters.author_id)
        if filters.articles_only:
            where.append(_ARTICLES_FILTER.format(docid="docid"))
        if order != "relevance":
            return (
                f"SELECT docid FROM search_vector WHERE {' AND '.join(where)} "
                f"ORDER BY docid + 0 DESC LIMIT {MAX_MATCHES + 1}"
            ), params
        # Only the most recent matches are ranked, not every match of the period: their
        # rows are found again by their place in the table (ctid, the same snapshot), and
        # the sort by docid carries that place, not each match's tsvector (megabytes for a
        # common word, sorted on disk).
        recent = (
            f"SELECT ctid FROM search_vector WHERE {' AND '.join(where)} "
            f"ORDER BY docid + 0 DESC LIMIT {MAX_MATCHES + 1}"
        )
        return (
            f"SELECT docid FROM search_vector WHERE ctid = ANY(ARRAY({recent})) "
            "ORDER BY ts_rank(%s::float4[], vector, %s::tsquery) DESC, docid DESC"
        ), [*params, self.RANK_WEIGHTS, tsquery]

    def write(self, cursor, documents: list[Document], prepared: list, docids: list[int]) -> None:
        # A vector left by an entry removed in a way the triggers do not see is replaced.
        cursor.executemany(
            "INSERT INTO search_vector (docid, path, vector) VALUES (%s, %s, %s::tsvector) "
            "ON CONFLICT (docid) DO UPDATE SET path = EXCLUDED.path, vector = EXCLUDED.vector",
            [
                [
                    docid,
                    document.path,
                    " ".join([vector, *map(self._lexeme, period_lexemes(docid))]),
                ]
                for document, vector, docid in zip(documents, prepared, docids, strict=True)
            ],
        )

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_vector")


_AUTHOR_FILTER = (
    "{docid} IN (SELECT byline_entry.docid FROM search_searchentry AS byline_entry "
    "JOIN news_articlepage_authors AS byline "
    "ON byline.articlepage_id = byline_entry.article_id WHERE byline.author_id = %s)"
)
# The few live pages' entries, left out: a handful of rows, read by the live pages' key.
_ARTICLES_FILTER = (
    "{docid} NOT IN (SELECT live_entry.docid FROM live_livepage AS live "
    "JOIN search_searchentry AS live_entry ON live_entry.article_id = live.page_ptr_id)"
)
DIALECTS = {"sqlite": _SQLite, "postgresql": _PostgreSQL}


class DatabaseSearchBackend:
    """Full-text search in the site's own database (SQLite or PostgreSQL)."""

    # Every write to the index goes through index(), remove() or clear(), which renew its
    # version token: searches kept by `results` depend on it.
    announces_changes = True

    def __init__(self):
        self.alias = router.db_for_write(SearchEntry)
        vendor = connections[self.alias].vendor
        if vendor not in DIALECTS:
            raise ImproperlyConfigured(
                _(
                    "La recherche intégrée fonctionne avec SQLite ou PostgreSQL, pas avec "
                    "« %(vendor)s » : choisissez un autre moteur avec QUOTIDIEN_SEARCH_BACKEND."
                )
                % {"vendor": vendor}
            )
        self.dialect = DIALECTS[vendor]()

    def search(self, *, query: SearchQuery, filters: Filters, order: str) -> Matches:
        # The most recent matches are looked for in the last day first, then further back:
        # when a period holds enough of them, they are the most recent of all. This keeps a
        # database's planner from reading every match of words it wrongly thought rare.
        # A period that held some, but too few, is followed by one as long as their pace
        # says it takes to hold enough, twice over, when that is shorter than the next
        # bounded period: the dates read to find them then span weeks rather than months;
        # and when it held PACE_SAMPLE of them or more, by such a one rather than by any
        # period shorter than it.
        now = timezone.now()
        periods = list(RECENT_PERIODS)
        # A reader's search may read a replica; the index is written to the primary.
        alias = router.db_for_read(SearchEntry)
        with connections[alias].cursor() as cursor:
            while periods:
                period = periods.pop(0)
                start = now - period if period else None
                if start and filters.until and filters.until <= start:
                    continue  # the reader's days all end before this period begins
                narrowed = filters
                if start and (filters.since is None or filters.since < start):
                    narrowed = replace(filters, since=start)
                sql, params = self.dialect.search_sql(query, narrowed, order)
                keys = self.dialect.matches(cursor, sql, params)
                if narrowed is filters or len(keys) > MAX_MATCHES:
                    break
                if keys and periods and periods[0] is not None:
                    paced = period * (2 * (MAX_MATCHES + 1) / len(keys))
                    if len(keys) >= PACE_SAMPLE:
                        # Enough matches to go by their pace: the periods too short to
                        # hold enough at that pace are not searched in vain.
                        while periods[0] is not None and periods[0] <= paced:
                            periods.pop(0)
                    if periods[0] is None or paced < periods[0]:
                        periods.insert(0, paced)
        return Matches(keys=keys[:MAX_MATCHES], more=len(keys) > MAX_MATCHES)

    def hits(self, keys: Sequence, *, query: SearchQuery) -> list[Hit]:
        rows = SearchEntry.objects.filter(docid__in=list(keys)).values_list(
            "docid", "article_id", "standfirst", "body"
        )
        entries = {docid: entry for docid, *entry in rows}
        terms, hits = query.terms, []
        for key in keys:
            if (entry := entries.get(key)) is not None:
                article_id, standfirst, body = entry
                hits.append(
                    Hit.of(article_id=article_id, standfirst=standfirst, body=body, terms=terms)
                )
        return hits

    def index(self, documents: Iterable[Document]) -> None:
        documents = list(documents)
        if not documents:
            return
        # The text is analysed first, and the index's version token renewed last: its row
        # stays locked from then to the commit, and any other indexing waits on it.
        prepared = [self.dialect.prepare(document) for document in documents]
        with transaction.atomic(using=self.alias):
            self._delete([document.article_id for document in documents])
            docids = self._assign_docids(documents)
            SearchEntry.objects.using(self.alias).bulk_create(
                SearchEntry(
                    article_id=document.article_id,
                    docid=docid,
                    published_at=document.published_at,
                    path=document.path,
                    headline=document.headline,
                    standfirst=document.standfirst,
                    body=document.body,
                )
                for document, docid in zip(documents, docids, strict=True)
            )
            with connections[self.alias].cursor() as cursor:
                self.dialect.write(cursor, documents, prepared, docids)
            results.outdate()

    def _assign_docids(self, documents: list[Document]) -> list[int]:
        """Each document's docid, moved on by one where another article already has it."""
        docids = [_docid(document) for document in documents]
        while True:
            taken = set(
                SearchEntry.objects.using(self.alias)
                .filter(docid__in=docids)
                .values_list("docid", flat=True)
            )
            seen: set[int] = set()
            clashes = False
            for i, docid in enumerate(docids):
                if docid in taken or docid in seen:
                    docids[i] = docid + 1
                    clashes = True
                seen.add(docids[i])
            if not clashes:
                return docids

    def remove(self, article_ids: Iterable[int]) -> None:
        ids = list(article_ids)
        if ids:
            self._delete(ids)
            results.outdate()

    def _delete(self, article_ids: list[int]) -> None:
        # Triggers remove the full-text rows (SQLite) or the vectors (PostgreSQL) with them.
        SearchEntry.objects.using(self.alias).filter(article_id__in=article_ids).delete()

    def clear(self) -> None:
        with transaction.atomic(using=self.alias), connections[self.alias].cursor() as cursor:
            self.dialect.clear(cursor)
            cursor.execute("DELETE FROM search_searchentry")
        results.outdate()

    def unindexed(self, article_ids):
        # NOT EXISTS: an anti-join, where NOT IN over a million ids is quadratic on PostgreSQL.
        entries = SearchEntry.objects.using(self.alias).filter(article_id=OuterRef("pk"))
        return article_ids.exclude(Exists(entries))
