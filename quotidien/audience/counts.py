"""The hourly view counts in the database: adding a batch, ranking, forgetting old hours."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from django.db import connections, router, transaction
from django.db.models import Sum

from .models import HourlyViews

# Rows per INSERT: well under the databases' limits on a statement's parameters.
CHUNK = 500


def hour_start(hour: int) -> datetime:
    """The start of the hour numbered `hour` (hours since the epoch, as `counting` counts)."""
    return datetime.fromtimestamp(hour * 3600, UTC)


def add_views(counts: Mapping[tuple[int, int], int]) -> None:
    """Add `counts` ((article id, hour number) → views) to the hourly counts.

    One upsert per CHUNK rows that adds to the stored count (SQLite and PostgreSQL spell
    it alike): Django's `bulk_create(update_conflicts=True)` would replace it, and two
    processes writing the same hour would lose each other's views.
    """
    if not counts:
        return
    using = router.db_for_write(HourlyViews)
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = HourlyViews._meta
    table = quote(meta.db_table)
    article, hour, views = (
        quote(meta.get_field(name).column) for name in ("article", "hour", "views")
    )
    rows = [
        (article_id, connection.ops.adapt_datetimefield_value(hour_start(number)), added)
        for (article_id, number), added in sorted(counts.items())
    ]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({article}, {hour}, {views})"
                f" VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))}"
                f" ON CONFLICT ({article}, {hour})"
                f" DO UPDATE SET {views} = {table}.{views} + excluded.{views}",
                [value for row in chunk for value in row],
            )


def most_read_ids(
    limit: int,
    *,
    hours: int = 24,
    now: datetime | None = None,
    exclude_under: Sequence[str] = (),
) -> list[int]:
    """The live articles read most over the last `hours` hours (this one included), but
    those at or under the tree paths `exclude_under` (pages under a view restriction)."""
    now = now or datetime.now(UTC)
    since = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours - 1)
    views = HourlyViews.objects.filter(hour__gte=since, article__live=True)
    for path in exclude_under:
        views = views.exclude(article__path__startswith=path)
    return list(
        views.values("article")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article")
        .values_list("article", flat=True)[:limit]
    )


def forget_before(when: datetime) -> int:
    """Delete the counts of the hours before `when`; returns how many rows went."""
    return HourlyViews.objects.filter(hour__lt=when).delete()[0]
