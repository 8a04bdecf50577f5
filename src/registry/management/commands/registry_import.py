"""`presswatch registry_import TYPE FILE [--apply] [--skip-invalid] [--user USERNAME]`.

Checks the file (a dry run) or, with ``--apply``, imports it; prints the report as JSON. Exits 1
when the file has invalid rows (or cannot be read) and nothing was written, 2 for bad arguments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from registry.io import run_import
from registry.io.cli import BAD_ARGUMENTS, file_format_of, one_line_errors, registry_type_named
from registry.types import TYPES


class Command(BaseCommand):
    help = "Check (and with --apply import) a CSV or XLSX file of registry records; JSON report."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return one_line_errors(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("type", metavar="TYPE", help=f"one of: {', '.join(TYPES)}")
        parser.add_argument("file", metavar="FILE", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--apply", action="store_true", help="write the changes")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="with --apply: write the valid rows only"
        )
        parser.add_argument("--user", metavar="USERNAME", help="the officer the changes are for")

    def handle(self, *args: Any, **options: Any) -> None:
        registry_type = registry_type_named(options["type"])
        path = Path(options["file"])
        file_format_of(path)
        if options["skip_invalid"] and not options["apply"]:
            raise CommandError("--skip-invalid needs --apply", returncode=BAD_ARGUMENTS)
        user = self._user(options["user"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"{path}: cannot read: {error.strerror}", returncode=BAD_ARGUMENTS
            ) from error
        report = run_import(
            registry_type,
            data,
            path.name,
            apply=options["apply"],
            skip_invalid=options["skip_invalid"],
            user=user,
        )
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        if report.blocked and not report.applied:
            raise SystemExit(1)

    def _user(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}", returncode=BAD_ARGUMENTS)
        return user
