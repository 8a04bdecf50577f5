"""`presswatch monitoring_demo_sources [BASE_URL]`: register the demo outlets as sources
(idempotent, matched by URL), linked to their registry records where the demo data has them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.context import acting
from monitoring.demo_sources import register_demo_sources


class Command(BaseCommand):
    help = "Create or update the sources of the simulated news ecosystem (make demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8100")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting(actor="bootstrap"):
            created, updated = register_demo_sources(options["base_url"])
        self.stdout.write(f"demo sources: {created} created, {updated} checked")
