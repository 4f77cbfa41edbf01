"""The names' keys again, now that look-alike letters of more scripts (Cherokee, Canadian
Syllabics, small capitals) read as the Latin ones: a name stored before keeps no key that
a new look-alike of it would miss."""

from importlib import import_module

from django.db import migrations

key_every_name = import_module(
    "quotidien.accounts.migrations.0002_user_display_name_key"
).key_every_name


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_display_name_key")]

    operations = [migrations.RunPython(key_every_name, migrations.RunPython.noop, elidable=True)]
