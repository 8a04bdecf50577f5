"""Read posts exported by a platform (JSONL or CSV) into PushedItems, reporting bad lines."""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_datetime

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
    text = path.read_text(encoding="utf-8-sig")
    rows: list[tuple[int, dict[str, Any] | None, str]] = []
    if path.suffix.lower() == ".csv":
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
