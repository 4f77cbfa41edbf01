"""Lighthouse (npm, pinned in package.json) on Debian's Chromium: a page's scores on a phone.

Lighthouse's defaults are kept: the mobile form factor and simulated throttling, so the
scores are those a developer gets from the same command.
"""

import json
import os
import subprocess
import warnings
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
INSTALL_HINT = "`make test` (or `make install-test`) installs Lighthouse (npm install)."
# Audits that count for nothing in a category's score.
UNSCORED_MODES = {"manual", "informative", "notApplicable", "error"}
# Runs of Lighthouse on a page, when Lighthouse itself fails to record it.
ATTEMPTS = 3
# Elements or files named under each failed audit, enough to find where to look.
EXAMPLES = 3


def run_lighthouse(url: str, report: Path, *, chromium: Path, chromium_args: Sequence[str]) -> dict:
    """Runs Lighthouse on `url`, keeps its JSON report at `report` and returns it."""
    if not LIGHTHOUSE.exists():
        pytest.fail(f"Lighthouse is missing: {LIGHTHOUSE}. {INSTALL_HINT}", pytrace=False)
    if not chromium.exists():
        pytest.fail(f"Chromium is missing: {chromium}. {INSTALL_HINT}", pytrace=False)
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(['--headless=new', *chromium_args])}",
        # The checks take their own screenshots; this one would only swell the report.
        "--disable-full-page-screenshot",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": str(chromium)}
    for attempt in range(1, ATTEMPTS + 1):
        report.unlink(missing_ok=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if not result.returncode and report.is_file():
            return json.loads(report.read_text())
        # Lighthouse's own failure to record the page (NO_NAVSTART, NO_FCP under load)
        # says nothing of the page: it asks to be run again.
        if "Please run Lighthouse again" not in result.stderr or attempt == ATTEMPTS:
            break
        warnings.warn(f"Lighthouse could not record {url}, run again", stacklevel=2)
    pytest.fail(
        f"Lighthouse failed on {url} ({result.returncode}):\n{result.stderr[-3000:]}",
        pytrace=False,
    )


def scores(report: dict) -> dict[str, float]:
    """Each category's score, 0 to 1 (0 when Lighthouse could not score it)."""
    return {name: report["categories"][name]["score"] or 0.0 for name in CATEGORIES}


def score_without(report: dict, category: str, excused: frozenset[str]) -> float:
    """The category's score counted without the `excused` audits, as Lighthouse counts it
    (a weighted mean of the scored audits)."""
    total = weighted = 0.0
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["id"] in excused or audit["scoreDisplayMode"] in UNSCORED_MODES:
            continue
        if audit["score"] is None:
            continue
        total += ref["weight"]
        weighted += ref["weight"] * audit["score"]
    return weighted / total if total else 0.0


def shortfalls(report: dict, minimum: float, excused: frozenset[str] = frozenset()) -> list[str]:
    """For each category below `minimum`: its score and the audits that cost it points,
    heaviest first, with what Lighthouse measured (e.g. "Largest Contentful Paint: 3.1 s")
    and the first elements or files at fault. Audits in `excused` fail by design: a
    category they alone bring below `minimum` passes."""
    lines = []
    for name, score in scores(report).items():
        if score >= minimum or (excused and score_without(report, name, excused) >= minimum):
            continue
        lines.append(f"{name}: {round(score * 100)}")
        refs = sorted(report["categories"][name]["auditRefs"], key=lambda ref: -ref["weight"])
        for ref in refs:
            audit = report["audits"][ref["id"]]
            if audit["scoreDisplayMode"] in UNSCORED_MODES or audit["score"] is None:
                continue
            if audit["score"] >= 1:
                continue
            measured = f": {audit['displayValue']}" if audit.get("displayValue") else ""
            weight = f"weight {round(ref['weight'], 2):g}" if ref["weight"] else "unweighted"
            lines.append(
                f"    {audit['title']}{measured} "
                f"(score {round(audit['score'] * 100)}, {weight}; {ref['id']})"
            )
            lines.extend(f"        {where}" for where in _examples(audit))
    return lines


def _examples(audit: dict) -> list[str]:
    """The first elements (their HTML) or files (their URL) an audit found at fault."""
    examples = []
    for item in (audit.get("details") or {}).get("items", [])[:EXAMPLES]:
        if isinstance(item.get("node"), dict):
            examples.append(item["node"].get("snippet") or item["node"].get("selector", ""))
        elif isinstance(item.get("url"), str):
            examples.append(item["url"])
    return examples
