"""An index of the pages' expiry dates, the few that have one: the scheduler looks each
minute for the live pages past theirs, and `/sante/` for the most overdue of them, without
reading every page of the archive. Wagtail's page table has none of its own."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0013_root_page_title"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX news_page_expire_at ON wagtailcore_page (expire_at) "
            "WHERE expire_at IS NOT NULL",
            "DROP INDEX news_page_expire_at",
        )
    ]
