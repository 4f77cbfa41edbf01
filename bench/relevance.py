"""Search relevance on a held-out set of articles and queries, on SQLite and on PostgreSQL.

    make bench-relevance                              # both databases
    make bench-relevance ARGS="--databases sqlite"

The set (`--set`, default bench/heldout/search) is kept apart from development: its
articles and queries are never read while tuning the search, so its figure measures how
the search does on text it was not fitted to. `articles.toml` holds articles in the demo
content format (quotidien/demo/content/README.md); `queries.toml` holds queries, each
with the slug of the article a reader expects first (one of the set's or the demo's)
and its kind (variant of a name, hyphen, plural, accents, phrase, exclusion, ...).

Each database gets a fresh archive, never the developer's nor the tests':
var/bench-relevance.sqlite3 and the PostgreSQL database quotidien_bench_relevance (on
the server of BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/), both
deleted and made again on every run, with their pictures in var/bench-relevance-media/.
The demo newsroom is loaded, then the set's articles; each query then runs through
`search_articles` (first page of 10) and its expected article's rank is noted; and again
as the search page shows it, where a query that finds nothing shows the results of its
« Vouliez-vous dire » suggestion.

Printed per database: the mean reciprocal rank (1/rank, 0 when not among the first 10)
with its 95 % bootstrap interval (queries resampled 2,000 times, fixed seed), the share
of queries whose expected article comes first, the MRR per kind, and every query whose
expected article is not first, with its rank. It is a measure, not a test: it exits 0
whatever the figures.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from common import ROOT, setup_django

DATABASES = ("sqlite", "postgresql")
DATABASE_NAME = "quotidien_bench_relevance"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
PER_PAGE = 10
DRAWS = 2000
SEED = 20261206


def _database_url(database: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench-relevance.sqlite3'}"
    return f"{POSTGRES_SERVER.rstrip('/')}/{DATABASE_NAME}"


def _fresh_database(database: str) -> str:
    """The database's URL, once whatever a previous run left there is gone."""
    url = _database_url(database)
    if database == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return url
    import psycopg

    server = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return url


def read_set(folder: Path) -> tuple[list[dict], list[dict]]:
    """The set's articles and queries."""
    articles = tomllib.loads((folder / "articles.toml").read_text(encoding="utf-8"))
    queries = tomllib.loads((folder / "queries.toml").read_text(encoding="utf-8"))
    return articles["articles"], queries["queries"]


def reciprocal_rank(rank: int | None) -> float:
    return 1 / rank if rank else 0.0


def bootstrap_interval(values: list[float], *, draws: int = DRAWS, seed: int = SEED):
    """The 95 % interval of the mean of `values`, by resampling them `draws` times."""
    generator = random.Random(seed)
    means = sorted(
        sum(generator.choices(values, k=len(values))) / len(values) for _draw in range(draws)
    )
    return means[int(0.025 * draws)], means[int(0.975 * draws) - 1]


def _load(articles: list[dict]) -> None:
    from django.core.management import call_command

    from quotidien.demo.loader import load_articles, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)  # the cache tables settings may name
    load_demo()
    load_articles(articles)


class Ranks(NamedTuple):
    """Where a query's expected article stands: as searched, and on the search page (the
    suggestion's results where nothing matched); and the first result as searched."""

    searched: int | None
    shown: int | None
    first: str


def _rank(query: str, best: str) -> Ranks:
    from quotidien.search.query import QueryError
    from quotidien.search.service import search_articles
    from quotidien.search.suggestions import suggestion_for

    def rank_in(found) -> int | None:
        slugs = [a.slug for a in found.articles]
        return slugs.index(best) + 1 if best in slugs else None

    try:
        found = search_articles(query=query, per_page=PER_PAGE)
        searched = shown = rank_in(found)
        if (suggestion := suggestion_for(found, query=query)) is not None:
            shown = rank_in(search_articles(query=suggestion.text, per_page=PER_PAGE))
    except QueryError as error:
        return Ranks(None, None, f"requête refusée : {error}")
    return Ranks(searched, shown, found.articles[0].slug if found.articles else "aucun résultat")


def _measure(queries: list[dict]) -> None:
    from quotidien.news.models import ArticlePage

    known = set(ArticlePage.objects.values_list("slug", flat=True))
    unknown = sorted({q["best"] for q in queries} - known)
    if unknown:
        print(f"  attention, articles attendus inexistants : {', '.join(unknown)}")
    ranks = [_rank(q["query"], q["best"]) for q in queries]
    scores = [reciprocal_rank(rank.searched) for rank in ranks]
    low, high = bootstrap_interval(scores)
    first = sum(rank.searched == 1 for rank in ranks)
    print(
        f"  MRR {sum(scores) / len(scores):.3f} (IC 95 % {low:.3f}–{high:.3f}), "
        f"premier : {first}/{len(queries)} ({first / len(queries):.0%})"
    )
    shown = [reciprocal_rank(rank.shown) for rank in ranks]
    low, high = bootstrap_interval(shown)
    print(
        f"  MRR de la page (« Vouliez-vous dire » appliqué quand rien ne correspond) "
        f"{sum(shown) / len(shown):.3f} (IC 95 % {low:.3f}–{high:.3f})"
    )
    by_kind = defaultdict(list)
    for query, score in zip(queries, scores, strict=True):
        by_kind[query["kind"]].append(score)
    print(f"  {'type':<20} {'requêtes':>8} {'MRR':>6}")
    for kind, values in sorted(by_kind.items()):
        print(f"  {kind:<20} {len(values):>8} {sum(values) / len(values):6.3f}")
    missed = [
        (q, rank.searched, rank.first)
        for q, rank in zip(queries, ranks, strict=True)
        if rank.searched != 1
    ]
    if missed:
        print("  pas en tête :")
    for query, rank, top in missed:
        place = f"rang {rank}" if rank else f"absent des {PER_PAGE} premiers"
        print(f"    {query['query']!r} [{query['kind']}] → {query['best']} : {place} (1er : {top})")


def _child(database: str, folder: Path) -> None:
    started = time.monotonic()
    url = _fresh_database(database)
    # The demo's pictures go beside the archive, not among the developer's media.
    media = ROOT / "var" / "bench-relevance-media"
    shutil.rmtree(media, ignore_errors=True)
    os.environ["MEDIA_ROOT"] = str(media)
    setup_django(url)
    articles, queries = read_set(folder)
    print(f"{database} — {len(articles)} articles du jeu, {len(queries)} requêtes ({url})")
    _load(articles)
    loaded = time.monotonic()
    _measure(queries)
    print(
        f"  durée : chargement {loaded - started:.0f} s, requêtes {time.monotonic() - loaded:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default=",".join(DATABASES), help="sqlite,postgresql")
    parser.add_argument(
        "--set", default="bench/heldout/search", help="folder of articles.toml and queries.toml"
    )
    parser.add_argument("--only", choices=DATABASES, help=argparse.SUPPRESS)
    options = parser.parse_args()
    folder = Path(options.set)
    if not folder.is_absolute():
        folder = ROOT / folder
    if options.only:
        _child(options.only, folder)
        return
    (ROOT / "var").mkdir(exist_ok=True)
    for database in options.databases.split(","):
        if database not in DATABASES:
            print(f"base inconnue : {database} (sqlite ou postgresql)")
            continue
        # One process per database: Django is set up once per process.
        command = [sys.executable, str(Path(__file__)), "--only", database, "--set", str(folder)]
        if subprocess.run(command).returncode:
            print(f"{database} : le banc s'est arrêté en erreur (voir ci-dessus)")


if __name__ == "__main__":
    main()
