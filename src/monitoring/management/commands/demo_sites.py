"""`presswatch demo_sites [--host H] [--port P] [--speed S]`: serve the simulated news ecosystem.

Runs until Ctrl-C or SIGTERM; prints the base URL and every monitoring source (docs/demo.md).
Needs no database. The work is done by the plain package :mod:`demo`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.server import DEFAULT_HOST, DEFAULT_PORT, run


class Command(BaseCommand):
    help = "Serve the simulated local news ecosystem (RSS, sitemaps, pages) until Ctrl-C."
    requires_system_checks: list[str] = []  # no checks: the command needs no database

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
        parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")
        parser.add_argument(
            "--speed",
            type=float,
            default=1.0,
            help="scenario time multiplier (2 = new items twice as often)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["speed"] <= 0:
            raise CommandError("--speed must be positive")
        try:
            run(
                host=options["host"],
                port=options["port"],
                speed=options["speed"],
                write=self._say,
            )
        except OSError as error:
            message = f"cannot serve on {options['host']}:{options['port']}: {error}"
            raise CommandError(message) from None

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
