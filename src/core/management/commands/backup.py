"""``presswatch backup [FILE]``: database, media and evidence in one checked archive."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import backup, installation


class Command(BaseCommand):
    help = (
        "Back up the database, uploaded media and evidence into one .tar.gz (safe while running)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", type=Path, help="archive to write (default var/backups/…)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        default = Path(settings.VAR_DIR) / "backups" / f"presswatch-{stamp}.tar.gz"
        target: Path = options["file"] or default
        try:
            manifest = backup.backup(
                installation.current(),
                target,
                migrations=installation.applied_migrations(),
                counts=installation.row_counts(),
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        summary = {
            "file": str(target),
            "bytes": target.stat().st_size,
            "engine": manifest.engine,
            "files": len(manifest.members) - 1,
            "counts": manifest.counts,
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
