"""`presswatch bootstrap [--demo]`: load the province configuration (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.bootstrap import run as bootstrap


class Command(BaseCommand):
    help = "Load areas, units, sectors and jurisdiction periods; with --demo also demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="also load the demo accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        report = bootstrap(demo=options["demo"])
        created = ", ".join(f"{k} {v}" for k, v in sorted(report.created.items())) or "nothing"
        self.stdout.write(f"bootstrap: created {created}; checked {sum(report.updated.values())}")
