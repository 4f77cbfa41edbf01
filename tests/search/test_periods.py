"""On PostgreSQL the GIN index finds the matches of a period by the lexemes of the day,
week, month and year of each publication: every moment of a period must carry one of
the lexemes it is looked for by, and the vectors the upgrade copies must carry the same
lexemes as those indexing writes."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from quotidien.search.backends.database import (
    MAX_PERIOD_TERMS,
    docid_floor,
    period_lexemes,
    period_terms,
)

UNTIL = datetime(2026, 12, 6, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize("days", [1, 7, 45, 200, 730])
def test_every_moment_of_a_period_carries_one_of_its_lexemes(days):
    since = UNTIL - timedelta(days=days)
    terms = set(period_terms(since, UNTIL))

    moments = [since + timedelta(hours=hours) for hours in range(0, days * 24, 5)]
    moments += [since, UNTIL - timedelta(seconds=1)]
    assert len(terms) <= MAX_PERIOD_TERMS
    assert all(terms & set(period_lexemes(docid_floor(moment) | 7)) for moment in moments)
    # Nor more than the period needs: a week ago is days, two years ago years.
    assert {term[:2] for term in terms} == {
        1: {"@d"},
        7: {"@d"},
        45: {"@w"},
        200: {"@m"},
        730: {"@y"},
    }[days]
    assert not terms & set(period_lexemes(docid_floor(since - timedelta(days=400))))


def test_a_period_too_long_for_years_or_without_start_is_looked_for_by_dates_only():
    assert period_terms(UNTIL - timedelta(days=20 * 365), UNTIL) is None
    assert period_terms(None, UNTIL) is None


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vectors only")
def test_the_upgrade_gives_copied_vectors_the_lexemes_indexing_writes():
    migration = importlib.import_module("quotidien.search.migrations.0006_narrow_vector_table")
    moments = [
        datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 2, 29, 0, 0, tzinfo=UTC),
        UNTIL,
    ]
    docids = [docid_floor(moment) | 12345 for moment in moments]

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {migration.PERIOD_LEXEMES}::text FROM unnest(%s::bigint[]) AS t(docid)",
            [docids],
        )
        copied = [row[0] for row in cursor.fetchall()]

    assert copied == [
        " ".join(sorted(f"'{lexeme}'" for lexeme in period_lexemes(docid))) for docid in docids
    ]
