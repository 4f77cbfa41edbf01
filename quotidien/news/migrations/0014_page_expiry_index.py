"""An index of the pages' expiry dates, the few that have one: the scheduler looks each
minute for the live pages past theirs, and `/sante/` for the most overdue of them, without
reading every page of the archive. Wagtail's page table has none of its own.

Built without holding the table on PostgreSQL (CONCURRENTLY, outside a transaction): the
newsroom goes on publishing while a large archive is read.
"""

from django.db import migrations

INDEX = "news_page_expire_at"


def create(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {INDEX} ON wagtailcore_page (expire_at) "
        "WHERE expire_at IS NOT NULL"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("news", "0013_root_page_title"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
