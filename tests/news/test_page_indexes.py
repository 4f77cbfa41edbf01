"""The indexes the paper adds to Wagtail's page table are there once every migration has
run: Django does not know them, and a migration that rebuilds the table on SQLite would
drop them without a word (the latest articles of a section, the expiry dates)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_paper_s_indexes_of_the_page_table_survive_every_migration():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "wagtailcore_page")

    indexes = {name for name, about in found.items() if about["index"]}
    assert {"news_section12_latest", "news_section16_latest", "news_page_expire_at"} <= indexes
