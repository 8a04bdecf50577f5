# The raw HTML arrives already zstandard-compressed: on PostgreSQL, store it out of line without
# TOAST compression (pglz only burned CPU trying to shrink it again; about 0.35 ms per page,
# measured on the extraction benchmark's pages). SQLite does not compress values: nothing to do.

from django.db import migrations

TABLE = "monitoring_rawpage"
COLUMN = "body_compressed"


def set_storage(storage):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} SET STORAGE {storage}"
            )

    return apply


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_raw_body_zstandard")]

    operations = [
        migrations.RunPython(set_storage("EXTERNAL"), set_storage("EXTENDED")),
    ]
