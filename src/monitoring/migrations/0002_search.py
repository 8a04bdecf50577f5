"""The search document and its full-text index (one per database vendor).

SQLite: an FTS5 virtual table ``monitoring_searchdocument_fts`` over the key columns, as an
*external content* table of ``monitoring_searchdocument`` (rowid = article_id), tokenizer
``unicode61 remove_diacritics 0`` (the keys already carry, or already lack, the diacritics).
It is kept in sync by the three triggers below, so every ORM write (save, bulk_create, update,
delete, cascades) reaches the index. A covering index holds the filter columns, so filtering the
matches never reads the wide document rows. Caution: Django rebuilds a SQLite table for most
ALTERs (copy, drop, rename), which drops its triggers and that index; a later migration that
alters ``monitoring_searchdocument`` must run ``SQLITE_DROP``/``SQLITE_CREATE`` again (the last
statement rebuilds the FTS index).

PostgreSQL: two stored generated ``tsvector`` columns of ``to_tsvector('simple', …)`` (title
weighted A, body B) over the exact and the folded keys, each with a GIN index, kept in the row
(STORAGE MAIN) rather than in TOAST because ranking reads them. They are not model fields
(Django never writes them). PostgreSQL refuses to alter the type of a column a
generated column uses: drop them first in a later migration that does.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

FTS = "monitoring_searchdocument_fts"
TABLE = "monitoring_searchdocument"
COLUMNS = "title_key, body_key, title_folded, body_folded"


def _values(prefix):
    return ", ".join(f"{prefix}.{name.strip()}" for name in COLUMNS.split(","))


SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}', "
    "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.article_id, {_values('new')}); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) "
    f"VALUES ('delete', old.article_id, {_values('old')}); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) "
    f"VALUES ('delete', old.article_id, {_values('old')}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.article_id, {_values('new')}); END",
    # the filters of a search read this covering index for each match, never the wide row
    f"CREATE INDEX {FTS}_filters ON {TABLE} "
    "(article_id, published_at, source_id, source_kind, outlet_level)",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP INDEX IF EXISTS {FTS}_filters",
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _tsvector(title, body):
    return (
        f"setweight(to_tsvector('simple'::regconfig, coalesce({title}, '')), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, coalesce({body}, '')), 'B')"
    )


POSTGRES_CREATE = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_exact tsvector "
    f"GENERATED ALWAYS AS ({_tsvector('title_key', 'body_key')}) STORED",
    f"ALTER TABLE {TABLE} ADD COLUMN search_folded tsvector "
    f"GENERATED ALWAYS AS ({_tsvector('title_folded', 'body_folded')}) STORED",
    # keep the vectors in the row (compressed) rather than in TOAST: ranking reads every
    # matching row's vector, and TOAST fetches made it about 2.5 times slower (measured)
    f"ALTER TABLE {TABLE} ALTER COLUMN search_exact SET STORAGE MAIN, "
    "ALTER COLUMN search_folded SET STORAGE MAIN",
    f"CREATE INDEX {TABLE}_exact_gin ON {TABLE} USING gin (search_exact)",
    f"CREATE INDEX {TABLE}_folded_gin ON {TABLE} USING gin (search_folded)",
]
POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TABLE}_exact_gin",
    f"DROP INDEX IF EXISTS {TABLE}_folded_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_exact",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_folded",
]
STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def create_index(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement, params=None)


def drop_index(apps, schema_editor):
    for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="monitoring.article",
                    ),
                ),
                (
                    "source_kind",
                    models.CharField(
                        choices=[
                            ("feed", "RSS/Atom feed"),
                            ("sitemap", "News sitemap"),
                            ("listing", "Listing page"),
                            ("page", "Watched page"),
                            ("push", "Pushed by a collector"),
                            ("file", "Imported file"),
                        ],
                        max_length=20,
                    ),
                ),
                ("outlet_name", models.CharField(blank=True, max_length=250)),
                ("outlet_level", models.CharField(blank=True, max_length=20)),
                ("published_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("title_key", models.TextField(blank=True)),
                ("body_key", models.TextField(blank=True)),
                ("title_folded", models.TextField(blank=True)),
                ("body_folded", models.TextField(blank=True)),
                ("indexed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_documents",
                        to="monitoring.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
