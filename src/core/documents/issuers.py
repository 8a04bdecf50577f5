"""Who issues the press office's documents on a given day, and how numbers and dates are written.

The issuer and governing-body lines change with the 2025 reorganisation (``data/issuers.json``):
Sở TT&TT Đắk Nông up to 28/02/2025, Sở VHTTDL Đắk Nông from 01/03/2025 (unconfirmed), Sở VHTTDL
Lâm Đồng from 01/07/2025. The dates live in the data file, not in code.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "issuers.json"

CONFIRMED = "S"  # a cited source says so
UNCONFIRMED = "K"  # background knowledge, to be checked


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing body of a document and the body governing it (cơ quan chủ quản)."""

    parent_line: str  # "UBND TỈNH LÂM ĐỒNG" (capitals, upright, not bold)
    issuer_line: str  # "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" (capitals, bold)
    symbol_suffix: str  # "SVHTTDL": the issuer's part of a document symbol
    place: str  # place name of the date line: "Lâm Đồng"
    confidence: str  # "S" confirmed, "K" unconfirmed
    issuer_lines: tuple[str, ...] = ()  # how the issuer line breaks in the header
    name: str = ""  # in running text: "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"
    place_confidence: str = UNCONFIRMED
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    key: str = ""
    source_urls: tuple[str, ...] = ()
    note: str = ""

    @property
    def header_lines(self) -> tuple[str, ...]:
        return self.issuer_lines or (self.issuer_line,)

    @property
    def needs_verification(self) -> bool:
        return self.confidence != CONFIRMED

    def covers(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _issuer(row: dict[str, Any]) -> Issuer:
    lines = tuple(str(line) for line in row["issuer_lines"])
    return Issuer(
        parent_line=row["parent_line"],
        issuer_line=" ".join(lines),
        symbol_suffix=row["symbol_suffix"],
        place=row["place"],
        confidence=row["confidence"],
        issuer_lines=lines,
        name=row.get("name", ""),
        place_confidence=row.get("place_confidence", UNCONFIRMED),
        valid_from=_date(row.get("valid_from")),
        valid_to=_date(row.get("valid_to")),
        key=row.get("key", ""),
        source_urls=tuple(row.get("source_urls", ())),
        note=row.get("note", ""),
    )


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def issuers() -> tuple[Issuer, ...]:
    """Every issuer period, oldest first."""
    return tuple(_issuer(row) for row in _data()["issuers"])


def issuer_for(on: datetime.date) -> Issuer:
    """The press authority's issuer and governing-body lines in force on ``on``."""
    for issuer in issuers():
        if issuer.covers(on):
            return issuer
    raise LookupError(f"no issuer covers {on.isoformat()}")


def kind_abbreviation(kind: str) -> str:
    """The symbol abbreviation of a document kind ("BÁO CÁO" → "BC"); "" for a công văn."""
    kinds: dict[str, str] = _data()["kinds"]
    try:
        return kinds[kind.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown document kind {kind!r}") from None


def number_symbol(
    kind: str, issuer: Issuer, number: int | None = None, *, division: str = ""
) -> str:
    """The number and symbol of a document, without "Số:".

    A báo cáo numbered 12 → ``12/BC-SVHTTDL``; a công văn from the press division →
    ``123/SVHTTDL-TTBCXB``. Numbers below 10 get a leading zero; a document not yet numbered
    (``number=None``) leaves the number blank for the clerk (``…/BC-SVHTTDL``).
    """
    digits = "…" if number is None else f"{number:02d}"
    abbreviation = kind_abbreviation(kind)
    if abbreviation:
        symbol = f"{abbreviation}-{issuer.symbol_suffix}"
        if division:
            symbol = f"{symbol}-{division}"
    else:
        symbol = f"{issuer.symbol_suffix}-{division}" if division else issuer.symbol_suffix
    return f"{digits}/{symbol}"


def date_words(on: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2026": a leading 0 for days 1–9 and for months 1 and 2 (NĐ 30)."""
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"


def date_line(place: str, on: datetime.date) -> str:
    """The place-and-date line: "Lâm Đồng, ngày 05 tháng 01 năm 2026"."""
    return f"{place}, {date_words(on)}"
