"""``presswatch restore FILE [--check] [--force]``: put a backup back, then migrate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from core import backup, installation


class Command(BaseCommand):
    help = (
        "Restore a backup made by `presswatch backup` (stop `presswatch up` and the workers "
        "first). Every file is checked against the manifest before anything is changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--check", action="store_true", help="only verify the archive")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            manifest = backup.read_manifest(path)
            if options["check"]:
                self.stdout.write(json.dumps({"file": str(path), "ok": True, **_facts(manifest)}))
                return
            if installation.holds_data() and not options["force"]:
                raise CommandError(
                    "the database already holds data; add --force to replace it with the backup"
                )
            connections.close_all()
            backup.restore(path, installation.current())
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        connections.close_all()
        call_command("migrate", interactive=False, verbosity=0)  # a backup of an older version
        counts = installation.row_counts()
        self.stdout.write(
            json.dumps({"file": str(path), "restored": True, **_facts(manifest), "now": counts})
        )


def _facts(manifest: backup.Manifest) -> dict[str, Any]:
    return {
        "created_at": manifest.created_at,
        "engine": manifest.engine,
        "files": len(manifest.members) - 1,
        "counts": manifest.counts,
    }
