"""The names' keys again, now that look-alike letters of more scripts (Cherokee, Canadian
Syllabics, small capitals) read as the Latin ones: a name stored before keeps no key that
a new look-alike of it would miss."""

from importlib import import_module

from django.db import migrations

key_every_name = import_module(
    "quotidien.accounts.migrations.0002_user_display_name_key"
).key_every_name

# The look-alike letters these keys were made with (sha256 of quotidien/data/lookalikes.toml):
# a change to that file needs a migration like this one, with the new file's digest.
LOOKALIKES_SHA256 = "da4664b2fc88a1e1cb67a28393b994b7b834e1dee1ba9a372479b2e4d2d906b3"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_display_name_key")]

    operations = [migrations.RunPython(key_every_name, migrations.RunPython.noop, elidable=True)]
