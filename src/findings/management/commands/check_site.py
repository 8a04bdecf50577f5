"""`presswatch check_site --html FILE --domain D --kind K`: "báo hóa" form signals as JSON (no DB).

Prints one JSON object (DECISIONS §3/§6, docs/detectors.md): ``domain``, ``kind``,
``signals`` (the nine signal names, each ``{"present", "evidence"}``), ``baohoa`` and ``score``.
``--press-name`` (repeatable) adds registered press agencies' names for the look-alike test;
``--on YYYY-MM-DD`` picks the day whose rules apply (default today). Exits 2 with one line on
stderr for a missing or unreadable file, an unknown kind, a bad date or a page that is not HTML.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from findings.engine.rules import KINDS
from findings.engine.site_signals import check_site
from monitoring.pipeline.charset import decode_body, find_declared_charset
from monitoring.pipeline.types import StageError

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Print the form signals of 'báo hóa' on a saved page as one JSON object (no database)."
    requires_system_checks: list[str] = []  # no checks: the command needs no database

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--html", required=True, metavar="FILE", help="the saved page")
        parser.add_argument("--domain", required=True, help="the site's domain")
        parser.add_argument("--kind", required=True, help=f"one of: {', '.join(KINDS)}")
        parser.add_argument(
            "--press-name",
            action="append",
            default=[],
            dest="press_names",
            help="a registered press agency's name (repeatable)",
        )
        parser.add_argument("--on", default="", help="the day whose rules apply (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        if kind not in KINDS:
            raise CommandError(
                f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})",
                returncode=BAD_INPUT,
            )
        on = _date(options["on"])
        path = Path(options["html"])
        body = _read(path)
        try:
            html, _encoding = decode_body(
                body, header_charset=None, declared=find_declared_charset(body)
            )
            result = check_site(
                html,
                domain=options["domain"],
                kind=kind,
                press_names=options["press_names"],
                on=on,
            )
        except (StageError, ValueError) as error:
            raise CommandError(f"{path}: {error}", returncode=BAD_INPUT) from None
        self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))


def _date(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--on: not a date: {value!r}", returncode=BAD_INPUT) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file", returncode=BAD_INPUT) from None
    except OSError as error:
        raise CommandError(
            f"{path}: cannot read: {error.strerror or error}", returncode=BAD_INPUT
        ) from None
