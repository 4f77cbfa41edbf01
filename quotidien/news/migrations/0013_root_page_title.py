"""The tree's root bears the paper's name instead of Wagtail's « Root », which the back
office shows at the start of the page choosers."""

from django.conf import settings
from django.db import migrations


def name_the_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    pages = Page.objects.db_manager(schema_editor.connection.alias)
    pages.filter(depth=1, title="Root").update(
        title=settings.WAGTAIL_SITE_NAME, draft_title=settings.WAGTAIL_SITE_NAME
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0012_read_also_label"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(name_the_root, migrations.RunPython.noop, elidable=True)]
