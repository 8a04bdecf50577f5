"""`presswatch worker`: one more task consumer (no scheduler), e.g. on another machine that shares
PostgreSQL and Redis with the one running `presswatch up`."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core import jobs
from core.context import acting


class Command(BaseCommand):
    help = "Run one more Huey consumer without the periodic scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=None, help="worker threads")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting(actor="worker"):
            jobs.sweep()
        argv = [sys.executable, "-m", "config.cli", "run_huey", "--no-periodic"]
        if options["workers"]:
            argv += ["--workers", str(options["workers"])]
        sys.stdout.flush()
        os.execv(sys.executable, argv)
