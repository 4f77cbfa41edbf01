"""The name variants search starts with (data/variants.toml); the editors keep them."""

import tomllib
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "variants.toml"


def seed(apps, schema_editor):
    NameVariants = apps.get_model("search", "NameVariants")
    for item in tomllib.loads(SEED.read_text(encoding="utf-8"))["names"]:
        NameVariants.objects.get_or_create(
            name=item["name"], defaults={"spellings": "\n".join(item["spellings"])}
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_namevariants")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
