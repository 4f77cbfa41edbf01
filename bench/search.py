"""Search latency over a large generated archive, on SQLite and on PostgreSQL.

    make bench-search                          # 100 000 articles, both databases
    make bench-search ARGS="--articles 1000000 --databases sqlite"   # or postgresql

Each database gets its own archive, never the developer's nor the tests':
var/bench-search-<N>.sqlite3 and the PostgreSQL database quotidien_bench_search_<N>
(on the server of BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/).
The archive is generated once by quotidien.demo.corpus and indexed; later runs
reuse it. Then a fixed list of one-, two- and three-word queries and phrase
queries runs `--runs` times each, and p50/p95 are printed per kind for:

- page: the whole search of a page of results (`search_articles`: parsing, matching,
  ranking, snippets and article cards), what the search page costs minus templates, for
  a query asked for the first time since the index last changed (what an earlier run
  kept, `quotidien.search.results`, is outdated before each run);
- kept (p50): the same page asked again, its matches and snippets kept;
- reference: the database's raw full-text query for the same terms over the same
  index (FTS5 `ORDER BY rank`, PostgreSQL `ORDER BY ts_rank`, first 20), measured
  in the same run; the ratio page/reference is the figure to compare between machines.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, percentile, setup_django

QUERIES = {
    "1 mot": ["gouvernement", "beyrouth", "électricité", "incendies", "hopitaux", "salaires"],
    "2 mots": ["réforme retraites", "banque centrale", "prix pain", "ministre santé", "port tyr"],
    "3 mots": [
        "ministre finances budget",
        "syndicats fonction publique",
        "plan relance tourisme",
        "coupures courant quartiers",
    ],
    "expression": ['"prix du pain"', '"banque centrale"', '"fonction publique"', '"saison de ski"'],
}
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")


def _database_url(database: str, articles: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-search-{articles}.sqlite3'}"
    return f"{POSTGRES_SERVER.rstrip('/')}/quotidien_bench_search_{articles}"


def _create_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _prepare(articles: int) -> None:
    """Migrate, generate the missing articles, index the unindexed ones."""
    from django.core.management import call_command
    from django.db import connection

    from quotidien.demo.corpus import generate_corpus
    from quotidien.news.models import ArticlePage
    from quotidien.search.indexing import index_unindexed

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)  # the cache tables settings may name
    missing = articles - ArticlePage.objects.live().count()
    if missing > 0:
        started = time.monotonic()
        generate_corpus(articles=missing, seed=articles)
        print(f"  corpus : {missing} articles générés en {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    indexed = index_unindexed(batch_size=2000)
    if indexed:
        print(f"  index : {indexed} articles indexés en {time.monotonic() - started:.0f} s")
    if missing > 0 or indexed:
        # Statistics for the query planners, as a production database keeps them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _reference(database: str):
    """The database's raw full-text query for a parsed query: first 20 by its own ranking."""
    from django.db import connection

    from quotidien.search.backends.database import DIALECTS

    dialect = DIALECTS[connection.vendor]()
    if database == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 20"

        def params(query):
            return [dialect.match(query)]
    else:
        sql = (
            "SELECT docid FROM search_vector WHERE vector @@ %s::tsquery "
            "ORDER BY ts_rank(vector, %s::tsquery) DESC LIMIT 20"
        )

        def params(query):
            return [dialect.tsquery(query)] * 2

    def run(query) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params(query))
            cursor.fetchall()

    return run


def _timed(function, runs: int, before=None) -> list[float]:
    """Milliseconds of each of `runs` calls of `function`, after one to warm up; `before()`
    runs, untimed, before each."""
    function()  # warm up
    samples = []
    for _run in range(runs):
        if before:
            before()
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _measure(database: str, runs: int, reference_runs: int) -> None:
    from django.test import RequestFactory

    from quotidien.news.queries import section_map
    from quotidien.search import results
    from quotidien.search.query import parse_query
    from quotidien.search.service import search_articles

    reference = _reference(database)
    # The page's request: the sections, read once per request, are read once here too.
    request = RequestFactory().get("/recherche/")
    section_map(request)
    print(
        f"  {'requêtes':<11} {'page p50':>9} {'page p95':>9} {'réf. p50':>9} {'réf. p95':>9}"
        f" {'ratio p95':>9} {'gardée p50':>10}"
    )
    for kind, queries in QUERIES.items():
        page, raw, kept = [], [], []
        for text in queries:
            parsed = parse_query(text)

            def search(text=text):
                return search_articles(query=text, request=request)

            # The page as a query asked for the first time since the index changed: what
            # an earlier run of it kept is outdated first (results.outdate, untimed).
            page += _timed(search, runs, before=results.outdate)
            kept += _timed(search, runs)
            if reference_runs:
                raw += _timed(lambda parsed=parsed: reference(parsed), reference_runs)
        p50, p95 = percentile(page, 0.5), percentile(page, 0.95)
        if raw:
            r50, r95 = percentile(raw, 0.5), percentile(raw, 0.95)
            reference_columns = f"{r50:7.1f}ms {r95:7.1f}ms {p95 / r95:9.2f}"
        else:
            reference_columns = f"{'—':>9} {'—':>9} {'—':>9}"
        print(
            f"  {kind:<11} {p50:7.1f}ms {p95:7.1f}ms {reference_columns}"
            f" {percentile(kept, 0.5):8.2f}ms"
        )


def _child(database: str, articles: int, runs: int, reference_runs: int) -> None:
    url = _database_url(database, articles)
    if database == "postgres":
        _create_postgres_database(url)
    setup_django(url)
    print(f"{database} — {articles} articles ({url})")
    _prepare(articles)
    _measure(database, runs, reference_runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20, help="runs of each query (20)")
    parser.add_argument(
        "--reference-runs",
        type=int,
        help="runs of each reference query (as --runs; 0: none). Ranking every match of a "
        "common word takes seconds over a million articles",
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--only", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.reference_runs is None:
        options.reference_runs = options.runs
    if options.only:
        _child(options.only, options.articles, options.runs, options.reference_runs)
        return
    (ROOT / "var").mkdir(exist_ok=True)
    for database in options.databases.split(","):
        database = {"postgresql": "postgres"}.get(database.strip(), database.strip())
        # One process per database: Django is set up once per process.
        command = [sys.executable, str(Path(__file__)), "--only", database]
        command += ["--articles", str(options.articles), "--runs", str(options.runs)]
        command += ["--reference-runs", str(options.reference_runs)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
