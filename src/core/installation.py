"""The running installation as :mod:`core.backup` sees it (database, media, evidence), read from
the settings, and the figures a backup records (applied migrations, row counts)."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.backup import Database, Installation

#: Row counts recorded in a backup's manifest and compared after a restore.
COUNTED_MODELS = (
    "accounts.User",
    "accounts.Unit",
    "registry.PressAgency",
    "monitoring.Source",
    "monitoring.Article",
    "monitoring.ArticleVersion",
    "core.ObjectChange",
)


def current() -> Installation:
    config = connection.settings_dict  # the live one (tests switch to a test database)
    if config["ENGINE"].endswith("sqlite3"):
        database = Database("sqlite", path=Path(str(config["NAME"])))
    else:
        database = Database(
            "postgresql",
            name=str(config.get("NAME") or ""),
            host=str(config.get("HOST") or ""),
            port=str(config.get("PORT") or ""),
            user=str(config.get("USER") or ""),
            password=str(config.get("PASSWORD") or ""),
        )
    return Installation(database, Path(settings.MEDIA_ROOT), Path(settings.EVIDENCE_ROOT))


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def row_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in COUNTED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        counts[label] = model._default_manager.count()
    return counts


def holds_data() -> bool:
    """True when the database has accounts (restoring over it needs ``--force``)."""
    if "accounts_user" not in connection.introspection.table_names():
        return False
    return apps.get_model("accounts.User")._default_manager.exists()
