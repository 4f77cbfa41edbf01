"""PostgreSQL: the tsvectors leave the wide rows of `search_searchentry` (headline,
standfirst and body beside them, 4 GB over a million articles) for a narrow table of
their own, `search_vector` (docid, path, vector), written in docid order, with a GIN
index that takes no pending list (`fastupdate = off`: every search would read that list
through). Matching and ranking the most recent matches then read a few contiguous pages
of that table instead of a row per page of the wide one. Each vector also gets the
lexemes of its publication's day, week, month and year, by which the GIN index finds the
matches of a period by itself. A trigger removes an entry's
vector with it, a deleted article's included (the cascade from the article). SQLite
keeps its FTS5 table: nothing to do there.

Copying an archive of a million articles takes a few minutes.
"""

from django.db import migrations

# The lexemes of the publication period of an entry, as `backends.database.period_lexemes`
# writes them: day, week, month and year (UTC) of the second of its docid.
_SECOND = "(docid >> 20)"
_UTC = f"(to_timestamp({_SECOND}) AT TIME ZONE 'UTC')"
PERIOD_LEXEMES = (
    "array_to_tsvector(ARRAY["
    f"'@d' || floor({_SECOND} / 86400.0)::bigint, "
    f"'@w' || floor(floor({_SECOND} / 86400.0) / 7)::bigint, "
    f"'@m' || (extract(year FROM {_UTC}) * 100 + extract(month FROM {_UTC}))::int, "
    f"'@y' || extract(year FROM {_UTC})::int])"
)
POSTGRESQL = [
    "CREATE TABLE search_vector ("
    "docid bigint PRIMARY KEY, path varchar(255) NOT NULL, vector tsvector NOT NULL)",
    # Vectors stay in the rows (compressed), as they did in the wide table.
    "ALTER TABLE search_vector ALTER COLUMN vector SET STORAGE MAIN",
    "INSERT INTO search_vector (docid, path, vector) "
    f"SELECT docid, path, vector || {PERIOD_LEXEMES} FROM search_searchentry ORDER BY docid",
    # Building the index of a large archive in memory rather than in many passes.
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX search_vector_vector ON search_vector USING gin (vector) "
    "WITH (fastupdate = off)",
    "ALTER TABLE search_searchentry DROP COLUMN vector",
    # Not a foreign key: Django empties its tables (tests, flush) with TRUNCATE, which a
    # key from a table it does not know would refuse.
    "CREATE FUNCTION search_vector_entries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM search_vector WHERE docid IN (SELECT docid FROM gone); "
    "RETURN NULL; END $$",
    "CREATE TRIGGER search_vector_entries_deleted AFTER DELETE ON search_searchentry "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT "
    "EXECUTE FUNCTION search_vector_entries_deleted()",
    "CREATE FUNCTION search_vector_entries_truncated() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN TRUNCATE search_vector; RETURN NULL; END $$",
    "CREATE TRIGGER search_vector_entries_truncated AFTER TRUNCATE ON search_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_vector_entries_truncated()",
    "ANALYZE search_vector",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS search_vector_entries_truncated ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_vector_entries_truncated()",
    "DROP TRIGGER IF EXISTS search_vector_entries_deleted ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_vector_entries_deleted()",
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_searchentry ALTER COLUMN vector SET STORAGE MAIN",
    "UPDATE search_searchentry AS entry SET vector = narrow.vector "
    "FROM search_vector AS narrow WHERE narrow.docid = entry.docid",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (vector)",
    "DROP TABLE search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_reindex_for_name_keys"),
    ]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
