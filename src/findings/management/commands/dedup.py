"""`presswatch dedup --jsonl IN`: near-duplicate clusters of a JSONL file of articles (no database).

Input lines: ``{"id","title","text"[,"url","outlet","published_at","licensed_press"]}``. Output,
one line per input in input order (DECISIONS §3, docs/cli.md):
``{"id","cluster","duplicate_of","similarity"}``. Exits 2 for a missing or unreadable file or bad
arguments, 1 for an invalid line (naming the line number and the field), with one line on stderr.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from findings.engine.dedup import DEFAULT_THRESHOLD, Item, dedup_items
from findings.engine.shingles import DEFAULT_SHINGLE_SIZE

BAD_FILE = 2
BAD_LINE = 1
_STRING_FIELDS = ("title", "url", "outlet", "attribution")


class Command(BaseCommand):
    help = "Cluster near-duplicate articles of a JSONL file and print one JSON line per article."
    requires_system_checks: list[str] = []  # reads a file only: no checks, no database
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jsonl",
            required=True,
            metavar="IN",
            help="the articles, one JSON object a line (- for stdin)",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"least max(Jaccard, containment) of a copy (default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--shingle-size",
            type=int,
            default=DEFAULT_SHINGLE_SIZE,
            help=f"syllables per shingle (default {DEFAULT_SHINGLE_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if not 0.0 < threshold <= 1.0:
            raise CommandError("--threshold must be in (0, 1]", returncode=BAD_FILE)
        if options["shingle_size"] < 1:
            raise CommandError("--shingle-size must be at least 1", returncode=BAD_FILE)
        source = options["jsonl"]
        if source == "-":
            items = read_items(sys.stdin, "-")
        else:
            path = Path(source)
            try:
                with path.open(encoding="utf-8") as handle:
                    items = read_items(handle, str(path))
            except FileNotFoundError:
                raise CommandError(f"{path}: no such file", returncode=BAD_FILE) from None
            except UnicodeDecodeError:
                raise CommandError(f"{path}: not UTF-8 text", returncode=BAD_FILE) from None
            except OSError as error:
                raise CommandError(
                    f"{path}: cannot read: {error.strerror or error}", returncode=BAD_FILE
                ) from None
        results = dedup_items(items, threshold=threshold, shingle_size=options["shingle_size"])
        for result in results:
            line = {
                "id": result.id,
                "cluster": result.cluster,
                "duplicate_of": result.duplicate_of,
                "similarity": result.similarity,
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))


def _invalid(name: str, number: int, field: str, reason: str) -> CommandError:
    where = f"{name}: line {number}"
    return CommandError(
        f"{where}: field '{field}': {reason}" if field else f"{where}: {reason}",
        returncode=BAD_LINE,
    )


def _published_at(value: object, name: str, number: int) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _invalid(name, number, "published_at", "must be an ISO 8601 date-time string")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _invalid(
            name, number, "published_at", f"not an ISO 8601 date-time: {value!r}"
        ) from None
    return moment


def parse_line(raw: str, name: str, number: int) -> Item:
    """One input line as an :class:`Item` (CommandError naming the line and field otherwise)."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _invalid(name, number, "", f"not valid JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise _invalid(name, number, "", "not a JSON object")
    identifier = row.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int):
        raise _invalid(name, number, "id", "missing or not a string")
    identifier = str(identifier)
    if not identifier:
        raise _invalid(name, number, "id", "empty")
    text = row.get("text")
    if not isinstance(text, str):
        raise _invalid(name, number, "text", "missing or not a string")
    strings = {}
    for field in _STRING_FIELDS:
        value = row.get(field, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise _invalid(name, number, field, "not a string")
        strings[field] = value
    licensed = row.get("licensed_press", False)
    if not isinstance(licensed, bool):
        raise _invalid(name, number, "licensed_press", "not true or false")
    return Item(
        id=identifier,
        text=text,
        title=strings["title"],
        published_at=_published_at(row.get("published_at"), name, number),
        outlet=strings["outlet"],
        licensed_press=licensed,
        attribution=strings["attribution"],
    )


def read_items(handle: TextIO, name: str) -> list[Item]:
    """Every non-blank line of ``handle`` as an item; ids must be distinct."""
    items = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        item = parse_line(raw, name, number)
        if item.id in seen:
            raise _invalid(name, number, "id", f"duplicate of line {seen[item.id]}")
        seen[item.id] = number
        items.append(item)
    return items
