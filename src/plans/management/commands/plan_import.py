"""`presswatch plan_import FILE [--replace] [--dry-run]`: parse a plan and store it.

Prints a summary (tasks, matched and unmatched unit names, periods created) as JSON. Exit 1 with
one line on stderr for a file that cannot be read or parsed, or a plan imported already (unless
``--replace``). ``--dry-run`` prints what the import would do and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from core.context import acting
from plans.importing import PlanImportError, build_preview, import_plan, sha256_of
from plans.parsing import PlanParseError, parse_plan_file

BAD_INPUT = 1


class Command(BaseCommand):
    help = "Import a plan document (.txt, .md, .docx): tasks, units, reporting duties, periods."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the plan: a .txt, .md or .docx file")
        parser.add_argument(
            "--replace", action="store_true", help="replace an earlier import of the same plan"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be imported; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            plan = parse_plan_file(path)
            content = path.read_bytes()
        except PlanParseError as error:
            raise CommandError(f"{path}: {error.reason}", returncode=BAD_INPUT) from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}", returncode=BAD_INPUT) from error
        preview = build_preview(
            plan, source_name=path.name, sha256=sha256_of(content), today=timezone.localdate()
        )
        summary = preview.summary()
        if options["dry_run"]:
            summary["dry_run"] = True
            if preview.duplicate is not None:
                summary["duplicate_of"] = preview.duplicate.pk
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        try:
            with acting(actor="plan_import"):
                result = import_plan(preview, content=content, replace=options["replace"])
        except PlanImportError as error:
            raise CommandError(f"{path}: {error}", returncode=BAD_INPUT) from error
        summary |= {"plan_id": result.plan.pk, "periods": result.periods}
        self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
