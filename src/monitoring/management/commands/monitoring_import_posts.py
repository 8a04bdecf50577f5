"""`presswatch monitoring_import_posts SOURCE_ID FILE.jsonl|.csv [--skip-invalid]`.

Reads posts exported from a platform (fields url, text, title, author, published_at). All or
nothing unless --skip-invalid; prints a JSON report (lines with errors, created, updated)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.context import acting
from monitoring.models import Source
from monitoring.posts_file import import_posts, read_posts


class Command(BaseCommand):
    help = "Import posts from a JSONL or CSV export into a source of kind 'file' or 'push'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-invalid", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Source.objects.filter(pk=options["source"]).first()
        if source is None:
            raise CommandError(f"no source with id {options['source']}")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        items, errors = read_posts(path)
        with acting(actor="import", comment=f"posts from {path.name}"):
            result = import_posts(source, items, errors, skip_invalid=options["skip_invalid"])
        report: dict[str, Any] = {
            "errors": [asdict(e) for e in result.errors],
            "created": result.created,
            "updated": result.updated,
            "applied": result.applied,
        }
        self.stdout.write(json.dumps(report, ensure_ascii=False))
        if not result.applied:
            raise SystemExit(1)
