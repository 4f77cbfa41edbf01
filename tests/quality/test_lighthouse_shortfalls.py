"""What the quality checks say about a Lighthouse report that falls short."""

from tests.quality.lighthouse import CATEGORIES, scores, shortfalls


def audit(title: str, score: float | None, mode: str = "binary", **more) -> dict:
    return {"title": title, "score": score, "scoreDisplayMode": mode, **more}


AUDITS = {
    "is-crawlable": audit("Page is blocked from indexing", 0.0),
    "meta-description": audit(
        "Document does not have a meta description", 0.0, displayValue="none"
    ),
    "document-title": audit("Document has a <title> element", 1.0),
    "structured-data": audit("Structured data is valid", None, mode="manual"),
    "target-size": audit(
        "Touch targets do not have sufficient size or spacing.",
        0.0,
        details={
            "items": [
                {"node": {"snippet": f'<a href="/{number}/">', "selector": "a"}}
                for number in range(5)
            ]
        },
    ),
    "largest-contentful-paint": audit(
        "Largest Contentful Paint", 0.96, mode="numeric", displayValue="2.1\u00a0s"
    ),
    "uses-long-cache-ttl": audit(
        "Serve static assets with an efficient cache policy",
        0.5,
        mode="metricSavings",
        displayValue="1 resource found",
        details={"items": [{"url": "http://127.0.0.1/media/images/a.webp"}]},
    ),
}
AUDIT_REFS = {
    "performance": [
        {"id": "largest-contentful-paint", "weight": 25},
        {"id": "uses-long-cache-ttl", "weight": 0},
    ],
    "accessibility": [{"id": "target-size", "weight": 7}],
    "best-practices": [],
    "seo": [
        {"id": "document-title", "weight": 1},
        {"id": "meta-description", "weight": 1},
        {"id": "structured-data", "weight": 0},
        {"id": "is-crawlable", "weight": 4.043478260869565},
    ],
}


def report(**below: float) -> dict:
    """A Lighthouse report scoring 100 but in the categories given (seo=0.54), each with
    audits that fail, pass, or count for nothing."""
    categories = {
        name: {"score": below.get(name.replace("-", "_"), 1.0), "auditRefs": AUDIT_REFS[name]}
        for name in CATEGORIES
    }
    return {"categories": categories, "audits": AUDITS}


def test_a_category_below_the_bar_lists_its_failed_audits_heaviest_first():
    assert shortfalls(report(seo=0.54), minimum=0.98) == [
        "seo: 54",
        "    Page is blocked from indexing (score 0, weight 4.04; is-crawlable)",
        "    Document does not have a meta description: none (score 0, weight 1; meta-description)",
    ]


def test_failed_audits_name_the_first_three_elements_or_files_at_fault():
    assert shortfalls(report(accessibility=0.93, performance=0.9), minimum=0.98) == [
        "performance: 90",
        "    Largest Contentful Paint: 2.1\u00a0s (score 96, weight 25; largest-contentful-paint)",
        "    Serve static assets with an efficient cache policy: 1 resource found "
        "(score 50, unweighted; uses-long-cache-ttl)",
        "        http://127.0.0.1/media/images/a.webp",
        "accessibility: 93",
        "    Touch targets do not have sufficient size or spacing. "
        "(score 0, weight 7; target-size)",
        '        <a href="/0/">',
        '        <a href="/1/">',
        '        <a href="/2/">',
    ]


def test_categories_at_or_above_the_bar_are_not_listed_even_with_failed_audits():
    assert shortfalls(report(seo=0.98), minimum=0.98) == []


def test_scores_are_read_for_the_four_categories():
    assert scores(report(seo=0.5, best_practices=0.96)) == {
        "performance": 1.0,
        "accessibility": 1.0,
        "best-practices": 0.96,
        "seo": 0.5,
    }


def test_an_audit_failed_by_design_alone_does_not_bring_its_category_below_the_bar():
    # Without meta-description's failure, is-crawlable's alone is excused.
    passing = {**AUDITS, "meta-description": audit("Document has a meta description", 1.0)}
    found = {**report(seo=0.54), "audits": passing}

    assert shortfalls(found, minimum=0.98, excused=frozenset({"is-crawlable"})) == []


def test_an_excused_audit_does_not_hide_the_others_failures():
    assert shortfalls(report(seo=0.54), minimum=0.98, excused=frozenset({"is-crawlable"})) == [
        "seo: 54",
        "    Page is blocked from indexing (score 0, weight 4.04; is-crawlable)",
        "    Document does not have a meta description: none (score 0, weight 1; meta-description)",
    ]
