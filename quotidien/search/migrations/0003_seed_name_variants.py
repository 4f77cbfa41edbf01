"""The name variants search starts with (data/variants.toml), and the editors who keep
them (see quotidien/grants.py)."""

import tomllib
from pathlib import Path

from django.db import migrations

from quotidien.grants import EDITORS, grant

SEED = Path(__file__).resolve().parent.parent / "data" / "variants.toml"


def seed(apps, schema_editor):
    NameVariants = apps.get_model("search", "NameVariants")
    for item in tomllib.loads(SEED.read_text(encoding="utf-8"))["names"]:
        NameVariants.objects.get_or_create(
            name=item["name"], defaults={"spellings": "\n".join(item["spellings"])}
        )


def grant_permissions(apps, schema_editor):
    grant(
        apps,
        EDITORS,
        [
            ("search", "namevariants", f"{action}_namevariants")
            for action in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_namevariants"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
