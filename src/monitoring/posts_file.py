"""Read posts exported by a platform (JSONL or CSV) into PushedItems, reporting bad lines."""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from monitoring import store
from monitoring.models import Source
from monitoring.store import PushedItem

REQUIRED = ("url", "text")


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    field: str
    reason: str


def _item(row: dict[str, Any], line: int) -> PushedItem | LineError:
    for name in REQUIRED:
        if not str(row.get(name) or "").strip():
            return LineError(line, name, "missing value")
    url = str(row["url"]).strip()
    if not url.startswith(("http://", "https://")):
        return LineError(line, "url", "not an http(s) address")
    published: datetime.datetime | None = None
    raw_time = str(row.get("published_at") or "").strip()
    if raw_time:
        published = parse_datetime(raw_time)
        if published is None:
            return LineError(line, "published_at", f"not an ISO 8601 time: {raw_time!r}")
    return PushedItem(
        url=url,
        title=str(row.get("title") or ""),
        text=str(row["text"]),
        author=str(row.get("author") or ""),
        published_at=published,
    )


def read_posts(path: Path) -> tuple[list[PushedItem], list[LineError]]:
    """Every line is read; the caller decides whether to store anything when errors exist."""
    return parse_posts(
        path.read_text(encoding="utf-8-sig"), csv_format=path.suffix.lower() == ".csv"
    )


def parse_posts(text: str, *, csv_format: bool) -> tuple[list[PushedItem], list[LineError]]:
    """Posts of a JSONL (one object per line) or CSV (header row) text, and the bad lines."""
    text = text.removeprefix("\ufeff")
    rows: list[tuple[int, dict[str, Any] | None, str]] = []
    if csv_format:
        reader = csv.DictReader(io.StringIO(text))
        rows = [(index + 2, dict(row), "") for index, row in enumerate(reader)]
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                rows.append((number, None, f"invalid JSON: {error.msg}"))
                continue
            rows.append((number, value if isinstance(value, dict) else None, "not an object"))
    items: list[PushedItem] = []
    errors: list[LineError] = []
    for number, row, problem in rows:
        result = _item(row, number) if row is not None else LineError(number, "", problem)
        if isinstance(result, LineError):
            errors.append(result)
        else:
            items.append(result)
    return items, errors


@dataclass(frozen=True, slots=True)
class ImportReport:
    errors: tuple[LineError, ...]
    created: int
    updated: int
    applied: bool


def import_posts(
    source: Source, items: list[PushedItem], errors: list[LineError], *, skip_invalid: bool
) -> ImportReport:
    """Store ``items`` in one transaction, or nothing when there are errors (unless skipping)."""
    from monitoring import runner  # the runner imports the pipeline; keep this module light

    if errors and not skip_invalid:
        return ImportReport(tuple(errors), 0, 0, applied=False)
    created = updated = 0
    with transaction.atomic():
        for item in items:
            article, is_new = store.save_pushed(source, item)
            runner.index_and_schedule(article)
            created, updated = (created + 1, updated) if is_new else (created, updated + 1)
    return ImportReport(tuple(errors), created, updated, applied=True)
