"""`presswatch plan_parse FILE`: print the plan schema (DECISIONS §5) of a .txt, .md or .docx plan.

Needs no database. Exits 1 with one line on stderr for a missing, unreadable or unsupported file
or a document in which no task is found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.parsing import PlanParseError, parse_plan_file, to_json

BAD_INPUT = 1


class Command(BaseCommand):
    help = (
        "Parse a plan document (.txt, .md, .docx) and print its tasks, units and deadlines as JSON."
    )
    requires_system_checks: list[str] = []  # reads a file only: no checks, no database
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the plan: a .txt, .md or .docx file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            plan = parse_plan_file(path)
        except PlanParseError as error:
            raise CommandError(f"{path}: {error.reason}", returncode=BAD_INPUT) from error
        self.stdout.write(to_json(plan))
