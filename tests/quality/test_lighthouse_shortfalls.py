"""What the quality checks say about a Lighthouse report that falls short."""

from tests.quality.lighthouse import CATEGORIES, scores, shortfalls


def audit(title: str, score: float | None, mode: str = "binary", **more) -> dict:
    return {"title": title, "score": score, "scoreDisplayMode": mode, **more}


def report(seo_score: float) -> dict:
    """A Lighthouse report with full marks but for SEO, where two audits fail."""
    audits = {
        "is-crawlable": audit("Page is blocked from indexing", 0.0),
        "meta-description": audit(
            "Document does not have a meta description", 0.0, displayValue="none"
        ),
        "document-title": audit("Document has a <title> element", 1.0),
        "structured-data": audit("Structured data is valid", None, mode="manual"),
        "largest-contentful-paint": audit(
            "Largest Contentful Paint", 0.96, mode="numeric", displayValue="2.1\u00a0s"
        ),
    }
    categories = {name: {"score": 1.0, "auditRefs": []} for name in CATEGORIES}
    categories["seo"] = {
        "score": seo_score,
        "auditRefs": [
            {"id": "document-title", "weight": 1},
            {"id": "meta-description", "weight": 1},
            {"id": "structured-data", "weight": 0},
            {"id": "is-crawlable", "weight": 4.04},
        ],
    }
    categories["performance"]["auditRefs"] = [{"id": "largest-contentful-paint", "weight": 25}]
    return {"categories": categories, "audits": audits}


def test_a_category_below_the_bar_lists_its_failed_audits_heaviest_first():
    assert shortfalls(report(seo_score=0.54), minimum=0.98) == [
        "seo: 54",
        "    Page is blocked from indexing (score 0, weight 4.04; is-crawlable)",
        "    Document does not have a meta description: none (score 0, weight 1; meta-description)",
    ]


def test_categories_at_or_above_the_bar_are_not_listed_even_with_imperfect_audits():
    assert shortfalls(report(seo_score=0.98), minimum=0.98) == []


def test_scores_are_read_for_the_four_categories():
    assert scores(report(seo_score=0.5)) == {
        "performance": 1.0,
        "accessibility": 1.0,
        "best-practices": 1.0,
        "seo": 0.5,
    }
