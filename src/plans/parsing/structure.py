"""The outline of a plan: Roman-numbered sections, numbered and lettered headings, back matter.

- A section heading is a line starting with the next Roman numeral in sequence ("I. MỤC ĐÍCH,
  YÊU CẦU", "II. NHIỆM VỤ CỤ THỂ", …); its title decides its kind (tasks, organisation,
  reporting, purpose, other).
- The back matter starts at "Nơi nhận:" or at the signature block ("TM.", "KT.", "Q.", "TL.",
  "TUQ." in capitals) after the last section; the appendix starts at "PHỤ LỤC".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from plans.parsing.keys import fold

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN_HEADING = re.compile(r"^(?:phan\s+)?([ivxl]{1,7})\s*[.):/–-]?\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(\.|\)|\.\)|\s)\s*(\S.*)$")
_LETTERED = re.compile(r"^([a-zđ])[).]\s+(\S.*)$")
_AUTHORITY = re.compile(r"^(?:tm|kt|q|tl|tuq)\.\s*\S")
_BACK_START = re.compile(r"^noi nhan\b")
_APPENDIX = re.compile(r"^phu luc\b")


class SectionKind(StrEnum):
    PURPOSE = "purpose"
    TASKS = "tasks"
    ORGANISATION = "organisation"
    REPORTING = "reporting"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    title: str
    kind: SectionKind
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered ("1.2.") or lettered ("a)") heading: its code parts and its text."""

    parts: tuple[int, ...]
    letter: str
    text: str


def roman_value(numeral: str) -> int:
    """The value of a lower-case Roman numeral ("iii" → 3, "iv" → 4), 0 if malformed."""
    values = [_ROMAN_VALUES.get(char, 0) for char in numeral]
    if not values or 0 in values:
        return 0
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    return total


def section_kind(title: str) -> SectionKind:
    key = fold(title)
    if "to chuc thuc hien" in key:
        return SectionKind.ORGANISATION
    if re.search(r"nhiem vu|giai phap|noi dung|hoat dong|cong viec", key):
        return SectionKind.TASKS
    if "trach nhiem" in key or "phan cong" in key:
        return SectionKind.ORGANISATION
    if "bao cao" in key:
        return SectionKind.REPORTING
    if re.search(r"muc dich|yeu cau|muc tieu|quan diem|can cu", key):
        return SectionKind.PURPOSE
    return SectionKind.OTHER


def section_heading(line: str) -> tuple[int, str] | None:
    """(number, title) of a Roman-numbered heading line, with the numeral in capitals."""
    match = _ROMAN_HEADING.match(fold(line))
    if match is None:
        return None
    numeral = line[match.start(1) : match.end(1)]
    if not numeral.isupper():
        return None
    value = roman_value(match.group(1))
    return (value, line[match.start(2) :]) if value else None


def split_sections(lines: list[str]) -> tuple[list[str], list[Section]]:
    """The lines before the first section, and the sections (numerals in sequence from I)."""
    front: list[str] = []
    sections: list[tuple[int, str, list[str]]] = []
    for line in lines:
        heading = section_heading(line)
        if heading is not None and heading[0] == len(sections) + 1:
            sections.append((heading[0], heading[1], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            front.append(line)
    return front, [
        Section(number, title, section_kind(title), tuple(body)) for number, title, body in sections
    ]


def is_authority_line(line: str) -> bool:
    """ "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN": the first line of a signature block."""
    return bool(_AUTHORITY.match(fold(line))) and line.isupper()


def is_back_start(line: str) -> bool:
    return bool(_BACK_START.match(fold(line))) or is_authority_line(line)


def is_appendix_start(line: str) -> bool:
    return bool(_APPENDIX.match(fold(line))) and line[:7].isupper()


def parse_heading(line: str) -> Heading | None:
    """The numbered or lettered heading of ``line``, or None.

    "1. Title", "1.1. Title", "1.1 Title" and "1) Title" are numbered; a single number needs a
    "." or ")" after it. "a) Title" is lettered. The text must not start with a digit
    ("10.000 người" is not a heading).
    """
    match = _NUMBERED.match(line)
    if match is not None:
        code, separator, text = match.groups()
        if ("." in code or separator.strip()) and not text[0].isdigit():
            return Heading(tuple(int(part) for part in code.split(".")), "", text)
        return None
    match = _LETTERED.match(line)
    if match is not None:
        return Heading((), match.group(1), match.group(2))
    return None
