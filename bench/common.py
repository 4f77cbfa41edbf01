"""What every benchmark needs: Django set up on a chosen database, and percentiles."""

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str | None = None) -> None:
    """Set Django up for a benchmark, on `database_url` when given."""
    sys.path.insert(0, str(ROOT))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quotidien.settings")
    import django

    django.setup()


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which `fraction` of the samples fall (inclusive method)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[round(fraction * 100) - 1]
