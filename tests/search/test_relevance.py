"""The relevance set (relevance.toml): the expected article comes first, or close to it."""

import tomllib
from pathlib import Path

import pytest

from quotidien.search.service import search_articles

pytestmark = pytest.mark.django_db

RELEVANCE_SET = tomllib.loads((Path(__file__).parent / "relevance.toml").read_text("utf-8"))
QUERIES = RELEVANCE_SET["queries"]
MINIMUM_MRR = 0.9
DEPTH = 10


def rank_of_best(query: str, best: str) -> int | None:
    """Position (from 1) of `best` among the first results of `query`, None if absent."""
    results = search_articles(query=query, per_page=DEPTH)
    slugs = [article.slug for article in results.articles]
    return slugs.index(best) + 1 if best in slugs else None


def test_relevance_set_covers_the_kinds_of_queries_readers_type():
    kinds = " ".join(item["kind"] for item in QUERIES)

    assert len(QUERIES) >= 30
    for kind in ["sans accents", "singulier", "forme verbale", "expression", "exclusion"]:
        assert kind in kinds


def test_mean_reciprocal_rank_of_the_relevance_set(demo):
    ranks = {item["query"]: rank_of_best(item["query"], item["best"]) for item in QUERIES}
    mrr = sum(1 / rank for rank in ranks.values() if rank) / len(ranks)
    misses = {query: rank for query, rank in ranks.items() if rank != 1}

    print(f"MRR {mrr:.3f} over {len(ranks)} queries; not first: {misses}")
    assert mrr >= MINIMUM_MRR, f"MRR {mrr:.3f}; not first: {misses}"


def test_every_expected_article_is_found(demo):
    missing = [item["query"] for item in QUERIES if not rank_of_best(item["query"], item["best"])]

    assert not missing
