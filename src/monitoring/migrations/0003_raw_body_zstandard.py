# Raw pages are now stored zstandard-compressed; the rows stored as gzip stay readable
# (monitoring.pipeline.rawbody tells the two apart by their first bytes).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_search")]

    operations = [
        migrations.RenameField(
            model_name="rawpage", old_name="body_gzip", new_name="body_compressed"
        ),
    ]
