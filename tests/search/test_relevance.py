"""The relevance set (relevance.toml): the expected article comes first, or close to it.

The queries run over the demo newsroom and the relevance archive (relevance/*.toml),
loaded once for the module; each query is ranked once, for every test of the module.
"""

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from quotidien.news.models import ArticlePage
from quotidien.search.service import search_articles

pytestmark = pytest.mark.django_db

RELEVANCE_SET = tomllib.loads((Path(__file__).parent / "relevance.toml").read_text("utf-8"))
QUERIES = RELEVANCE_SET["queries"]
MINIMUM_MRR = 0.95
DEPTH = 10
# The kinds of queries the set must hold, and at least how many of each.
KINDS = {
    "sans accents": 1,
    "singulier": 1,
    "forme verbale": 1,
    "expression": 1,
    "exclusion": 1,
    "variante de nom": 5,
    "translittération": 5,
    "trait d'union": 8,
    "pluriel en -ait": 8,
    "sur-racinisation": 5,
}


def kinds_of(item: dict) -> list[str]:
    """The kinds a query puts to the test: its `kind`, cut at its commas."""
    return [kind.strip() for kind in item["kind"].split(",")]


def first_results(query: str) -> list[str]:
    """The slugs of the first results of `query`, best first."""
    return [article.slug for article in search_articles(query=query, per_page=DEPTH).articles]


@pytest.fixture(scope="module")
def results(relevance_archive, django_db_blocker):
    """The first results of each query, by query."""
    with django_db_blocker.unblock():
        return {item["query"]: first_results(item["query"]) for item in QUERIES}


@pytest.fixture(scope="module")
def ranks(results):
    """The position (from 1) of each query's expected article, None if not among the first."""
    return {
        item["query"]: results[item["query"]].index(item["best"]) + 1
        if item["best"] in results[item["query"]]
        else None
        for item in QUERIES
    }


def test_relevance_set_covers_the_kinds_of_queries_readers_type():
    counts = defaultdict(int)
    for item in QUERIES:
        for kind in kinds_of(item):
            for name in KINDS:
                counts[name] += name in kind

    assert len(QUERIES) >= 100
    assert len({item["query"] for item in QUERIES}) == len(QUERIES), "a query is there twice"
    assert {name: counts[name] for name in KINDS if counts[name] < KINDS[name]} == {}
    assert counts["variante de nom"] + counts["translittération"] >= 15


def test_the_archive_holds_every_expected_article(relevance_archive):
    live = set(ArticlePage.objects.live().values_list("slug", flat=True))

    assert len(live) >= 200
    assert {item["best"] for item in QUERIES} - live == set()


def test_mean_reciprocal_rank_of_the_relevance_set(ranks, results):
    mrr = sum(1 / rank for rank in ranks.values() if rank) / len(ranks)
    by_kind = defaultdict(list)
    for item in QUERIES:
        for kind in kinds_of(item):
            by_kind[kind].append(item["query"])
    misses = {query: rank for query, rank in ranks.items() if rank != 1}

    print(f"\nMRR {mrr:.3f} over {len(ranks)} queries")
    for kind, queries in sorted(by_kind.items()):
        kind_mrr = sum(1 / ranks[query] for query in queries if ranks[query]) / len(queries)
        print(f"  {kind}: MRR {kind_mrr:.3f} over {len(queries)} queries")
        for query in queries:
            if ranks[query] != 1:
                first = results[query][0] if results[query] else "nothing"
                print(f"    not first: {query!r} at {ranks[query]}, first is {first}")
    assert mrr >= MINIMUM_MRR, f"MRR {mrr:.3f}; not first: {misses}"


def test_every_expected_article_is_found(ranks):
    missing = [query for query, rank in ranks.items() if not rank]

    assert not missing


@pytest.mark.parametrize(
    ("query", "unrelated"),
    [
        # A novel over three generations is not about the quarter's generators.
        ("générateur", "roman-maison-volets-bleus-nour-harfouche"),
        ("génération", "generateurs-compteurs-municipalite-metn"),
        # Restaurants on the coast, not restored sarcophagi.
        ("restaurants", "rel-musee-national-beyrouth-sarcophages"),
    ],
)
def test_a_word_finds_no_article_by_another_word_of_its_stem(relevance_archive, query, unrelated):
    found = search_articles(query=query, per_page=100).articles

    assert unrelated not in {article.slug for article in found}
