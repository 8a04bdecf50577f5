"""`presswatch analyze --jsonl IN [--topics FILE]`: analyse articles offline (no database).

Input: one JSON object per line, ``{"id", "title", "text"[, "url", "outlet", "published_at"]}``.
Output (DECISIONS §3, docs/analysis.md): one JSON line per input, in input order::

    {"id", "about_province": bool, "localities": [place codes], "sectors": [primary first],
     "tone": "negative|neutral|positive", "tone_score": float, "explanation": [str],
     "matched_topics": [topic ids]}

``--topics FILE`` is a JSON list ``[{"id", "query", "accent_insensitive": false}, …]`` matched
with the topic query language. The whole input is checked before anything is printed: a bad line
or topic exits 2 with one line on stderr naming the line (or topic) and the field.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from analysis.engine.analyze import analyze, split_lead
from analysis.engine.gazetteer import Gazetteer
from analysis.engine.query import Document, Percolator, QueryError, parse_query

BAD_INPUT = 2


@dataclass(frozen=True)
class Item:
    id: str | int
    title: str
    text: str
    outlet: str
    on: datetime.date | None


class Command(BaseCommand):
    help = (
        "Analyse a JSONL file of articles: province, places, sectors, tone, topics (no database)."
    )
    requires_system_checks: list[str] = []  # reads files only: no checks, no database
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, metavar="IN", help="articles, one per line")
        parser.add_argument(
            "--topics", metavar="FILE", help='JSON list of {"id", "query", "accent_insensitive"}'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["jsonl"])
        items = list(_read_items(path))
        percolator = _read_topics(Path(options["topics"])) if options.get("topics") else None
        gazetteer = Gazetteer.default()
        for item in items:
            result = analyze(item.title, item.text, gazetteer=gazetteer, on=item.on)
            topics: list[str] = []
            if percolator is not None:
                lead, body = split_lead(item.text)
                document = Document(title=item.title, lead=lead, body=body, outlet=item.outlet)
                topics = percolator.match(document)
            record = {
                "id": item.id,
                "about_province": result.about_province,
                "localities": list(result.localities),
                "sectors": list(result.sectors),
                "tone": result.tone.label,
                "tone_score": result.tone.score,
                "explanation": [unicodedata.normalize("NFC", e) for e in result.explanation],
                "matched_topics": topics,
            }
            self.stdout.write(json.dumps(record, ensure_ascii=False))


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _fail(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise _fail(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise _fail(f"{path}: cannot read: {error.strerror or error}") from None


def _read_items(path: Path) -> Iterator[Item]:
    seen: set[str] = set()
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise _fail(f"{where}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise _fail(f"{where}: expected a JSON object")
        identifier = _check_fields(record, where, seen)
        yield Item(
            identifier,
            unicodedata.normalize("NFC", record["title"]),
            unicodedata.normalize("NFC", record["text"]),
            unicodedata.normalize("NFC", record.get("outlet") or ""),
            _date(record.get("published_at"), where),
        )


def _check_fields(record: dict[str, Any], where: str, seen: set[str]) -> str | int:
    identifier = record.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)):
        raise _fail(f"{where}: field 'id': required, a string or an integer")
    if str(identifier) in seen:
        raise _fail(f"{where}: field 'id': {identifier!r} appears twice")
    seen.add(str(identifier))
    for name in ("title", "text"):
        if not isinstance(record.get(name), str):
            raise _fail(f"{where}: field '{name}': required, a string")
    for name in ("url", "outlet", "published_at"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise _fail(f"{where}: field '{name}': must be a string")
    return identifier


def _date(value: str | None, where: str) -> datetime.date | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"{where}: field 'published_at': not an ISO 8601 date") from None
    return moment.date()


def _read_topics(path: Path) -> Percolator:
    try:
        topics = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise _fail(f"{path}: not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(topics, list):
        raise _fail(f"{path}: expected a JSON list of topics")
    percolator = Percolator()
    for number, topic in enumerate(topics, start=1):
        where = f"{path}: topic {number}"
        if not isinstance(topic, dict):
            raise _fail(f"{where}: expected a JSON object")
        identifier = topic.get("id")
        if isinstance(identifier, bool) or not isinstance(identifier, (str, int)):
            raise _fail(f"{where}: field 'id': required, a string or an integer")
        if not isinstance(topic.get("query"), str):
            raise _fail(f"{where}: field 'query': required, a string")
        insensitive = topic.get("accent_insensitive", False)
        if not isinstance(insensitive, bool):
            raise _fail(f"{where}: field 'accent_insensitive': must be true or false")
        if str(identifier) in percolator:
            raise _fail(f"{where}: field 'id': {identifier!r} appears twice")
        try:
            query = parse_query(topic["query"], accent_insensitive=insensitive)
        except QueryError as error:
            raise _fail(f"{where}: field 'query': {error}") from None
        percolator.add(str(identifier), query)
    return percolator
