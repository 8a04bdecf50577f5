"""Line diff between two versions of an article's text (pure)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DiffLine:
    op: str  # " " kept, "-" removed, "+" added
    text: str


def diff_lines(before: str, after: str) -> list[DiffLine]:
    """Paragraph-level diff: kept, removed and added lines in reading order."""
    lines: list[DiffLine] = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        op, text = line[:1], line[2:]
        if op in {" ", "-", "+"}:
            lines.append(DiffLine(op, text))
    return lines
