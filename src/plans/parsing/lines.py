"""Turn paragraph texts into clean lines: NFC, no page artefacts, paragraphs broken by a page
break joined again.

- Every line goes through :func:`core.text.normalize_text` (NFC, one apostrophe, single spaces).
- A line of only a page number ("3", "- 3 -", "Trang 3") or only rule characters ("-----",
  "___", "***") is dropped.
- A line that starts with a lower-case letter continues the line before it ("… của Ủy" +
  "ban nhân dân tỉnh …"): Vietnamese paragraphs, headings and list items start with a capital,
  a digit, a Roman numeral or a bullet. Lettered items ("a) …") are kept apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.text import normalize_text
from plans.parsing.keys import fold

_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$|^trang \d{1,3}(\s*/\s*\d{1,3})?$")
_RULE = re.compile(r"^[\W_]*$|^[-_=*.\s]*o0o[-_=*.\s]*$")
_LETTERED = re.compile(r"^[a-zđ][).]\s")


def is_artefact(line: str) -> bool:
    """A page number or a decorative rule, not text."""
    key = fold(line)
    return bool(_PAGE_NUMBER.match(key) or _RULE.match(key))


def _continues(line: str) -> bool:
    first = line[0]
    return first.isalpha() and first.islower() and not _LETTERED.match(line)


def clean_lines(paragraphs: Iterable[str]) -> list[str]:
    """The non-empty, normalised lines of ``paragraphs`` with broken paragraphs joined."""
    lines: list[str] = []
    for paragraph in paragraphs:
        for piece in normalize_text(paragraph).split("\n"):
            line = piece.strip()
            if not line or is_artefact(line):
                continue
            if lines and _continues(line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
    return lines
