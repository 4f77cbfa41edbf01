"""An author may be linked to the back-office account that writes under their name."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0010_editors_create_sections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="user",
            field=models.OneToOneField(
                blank=True,
                help_text=(
                    "Le compte de l’auteur dans le back-office : ses nouveaux articles portent "
                    "sa signature d’office. Vide : un signataire sans compte (pigiste, invité)."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="byline",
                to=settings.AUTH_USER_MODEL,
                verbose_name="compte",
            ),
        ),
    ]
