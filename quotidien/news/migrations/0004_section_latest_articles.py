"""Indexes for "the latest articles of a section" on Wagtail's page table.

A section's articles are the pages whose path starts with the section's; an index on
that prefix and the publication date gives its latest ones without reading the others
(see `news.queries.in_section`). One for top-level sections, one for the level below.
"""

from django.db import migrations

LENGTHS = (12, 16)


def create(length: int) -> str:
    return (
        f"CREATE INDEX news_section{length}_latest ON wagtailcore_page "
        f"((SUBSTR(path, 1, {length})), first_published_at)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_tag_latest_articles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[create(length) for length in LENGTHS],
            reverse_sql=[f"DROP INDEX news_section{length}_latest" for length in LENGTHS],
        )
    ]
