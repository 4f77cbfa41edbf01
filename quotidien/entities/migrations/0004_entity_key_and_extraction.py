"""One entity per key, so that two workers finding a new name at once make one entity; and
when each article's entities were looked for, so that `extract_entities --missing` asks
only for the articles never looked at, not again and again for those naming no one."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def fill(apps, schema_editor):
    Alias = apps.get_model("entities", "Alias")
    Entity = apps.get_model("entities", "Entity")
    ArticleEntity = apps.get_model("entities", "ArticleEntity")
    Extraction = apps.get_model("entities", "Extraction")
    # Each entity's key is that of its first spelling; an entity made twice keeps none.
    taken = set()
    for entity_id, key in Alias.objects.order_by("entity_id", "pk").values_list(
        "entity_id", "key"
    ):
        if entity_id in taken:
            continue
        taken.add(entity_id)
        if not Entity.objects.filter(key=key).exists():
            Entity.objects.filter(pk=entity_id).update(key=key)
    # Articles that name someone were looked at; the others will be once.
    now = timezone.now()
    Extraction.objects.bulk_create(
        [
            Extraction(article_id=article_id, extracted_at=now)
            for article_id in ArticleEntity.objects.values_list("article_id", flat=True).distinct()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0003_alias_last_key"),
        ("news", "0010_editors_create_sections"),
    ]

    operations = [
        migrations.CreateModel(
            name="Extraction",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="entity_extraction",
                        serialize=False,
                        to="news.articlepage",
                        verbose_name="article",
                    ),
                ),
                ("extracted_at", models.DateTimeField(verbose_name="sujets cherchés le")),
            ],
            options={
                "verbose_name": "recherche des sujets d’un article",
                "verbose_name_plural": "recherches des sujets des articles",
            },
        ),
        migrations.AddField(
            model_name="entity",
            name="key",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=200,
                null=True,
                unique=True,
                verbose_name="clé",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
