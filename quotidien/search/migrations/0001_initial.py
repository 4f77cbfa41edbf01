import django.db.models.deletion
from django.db import migrations, models

# The full-text half of the index, for the database in use (see quotidien/search/models.py).
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, standfirst, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_fts WHERE rowid = OLD.docid; END",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS search_entry_deleted", "DROP TABLE IF EXISTS search_fts"]
POSTGRESQL = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    # Vectors stay in the table's rows (compressed) instead of going to TOAST: reading the
    # most recent matches then costs no extra lookup per row, several times faster.
    "ALTER TABLE search_searchentry ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (vector)",
]
POSTGRESQL_REVERSE = ["ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="news.articlepage",
                        verbose_name="article",
                    ),
                ),
                ("docid", models.BigIntegerField(unique=True, verbose_name="rang chronologique")),
                ("published_at", models.DateTimeField(verbose_name="publié le")),
                (
                    "path",
                    models.CharField(
                        db_index=True, max_length=255, verbose_name="chemin dans l’arborescence"
                    ),
                ),
                ("headline", models.TextField(verbose_name="titre")),
                ("standfirst", models.TextField(blank=True, verbose_name="chapô")),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Paragraphes séparés par une ligne vide.",
                        verbose_name="texte",
                    ),
                ),
            ],
            options={
                "verbose_name": "entrée de l’index de recherche",
                "verbose_name_plural": "entrées de l’index de recherche",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
