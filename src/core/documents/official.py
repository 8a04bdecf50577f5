"""The data of an official document in the NĐ 30/2020/NĐ-CP layout (rendered by ``docx_writer``).

A document is data only: who issues it, its number, kind and subject, the body blocks, the
recipients and the signer. Layout decisions (fonts, sizes, margins) live in the writer.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from core.documents.issuers import Issuer

Alignment = Literal["justify", "left", "center", "right"]

CONG_VAN = "CÔNG VĂN"  # an official letter: no kind title; its subject is "V/v …" under the number
STORAGE_PREFIX = "Lưu:"


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a paragraph with its own emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: 14 pt, justified, first-line indent unless told otherwise.

    ``text`` or ``runs`` (several emphases in one paragraph); ``runs`` wins when given.
    """

    text: str = ""
    bold: bool = False
    italic: bool = False
    align: Alignment = "justify"
    indent: bool = True
    runs: tuple[Run, ...] = ()

    @property
    def pieces(self) -> tuple[Run, ...]:
        return self.runs or (Run(self.text, self.bold, self.italic),)


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: level 1 "I. KẾT QUẢ …" (bold), 2 "1. …" (bold), 3 "a) …" (bold italic).

    ``centered`` headings ("Phần", "Chương", "Mục" and appendix titles) are centred without indent.
    """

    text: str
    level: int = 1
    centered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A bordered table; the header row repeats on every page. ``widths_mm`` must fit 165 mm."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths_mm: Sequence[float] = ()
    caption: str = ""
    font_size: float = 12
    numeric_right: bool = True  # numbers right-aligned

    def __post_init__(self) -> None:
        width = len(self.header)
        if not width:
            raise ValueError("a table needs a header")
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"row {list(row)!r} has {len(row)} cells, the header {width}")
        if self.widths_mm and len(self.widths_mm) != width:
            raise ValueError("widths_mm must give one width per column")


@dataclass(frozen=True, slots=True)
class Image:
    """An inline picture (PNG or JPEG bytes, e.g. a chart), centred, with an optional caption."""

    data: bytes
    width_mm: float = 150
    caption: str = ""


Block = Paragraph | Heading | Table | Image


@dataclass(frozen=True, slots=True)
class Signer:
    """The signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name.

    ``authority`` is empty when the head signs in their own right (then only ``title`` shows).
    """

    authority: str
    title: str
    name: str


@dataclass(frozen=True)
class OfficialDocument:
    """One official document of the press office.

    ``number`` is the number and symbol without "Số:" ("12/BC-SVHTTDL"); ``None`` prints
    "Số: …/…" for a draft. ``kind`` is "CÔNG VĂN", "BÁO CÁO", "KẾ HOẠCH", …; a công văn has no
    kind title line and shows its subject as "V/v …" under the number. ``place`` defaults to the
    issuer's place. ``recipients_to`` are the "Kính gửi:" addressees, ``recipients`` the "Nơi
    nhận:" entries (a "Lưu: VT." entry is added last when none is given).
    """

    issuer: Issuer
    number: str | None
    kind: str
    subject: str
    date: datetime.date
    signer: Signer
    body: Sequence[Block] = ()
    recipients: Sequence[str] = ()
    recipients_to: Sequence[str] = ()
    place: str | None = None
    preamble: Sequence[str] = field(default=())  # "Căn cứ …" lines before the body, italic

    @property
    def is_letter(self) -> bool:
        return self.kind.strip().upper() == CONG_VAN

    @property
    def place_name(self) -> str:
        return self.place or self.issuer.place

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else "Số: …/…"

    @property
    def subject_line(self) -> str:
        """The subject as printed: "V/v …" for a công văn, the bare subject otherwise."""
        subject = self.subject.strip()
        if self.is_letter and not subject.lower().startswith("v/v"):
            return f"V/v {subject}"
        return subject

    def recipient_lines(self) -> list[str]:
        """The "Nơi nhận:" entries as printed: "- X;" each, "- Lưu: VT, …." last."""
        entries = [_bare(entry) for entry in self.recipients if _bare(entry)]
        storage = [entry for entry in entries if entry.startswith(STORAGE_PREFIX)]
        others = [entry for entry in entries if not entry.startswith(STORAGE_PREFIX)]
        last = storage[-1] if storage else f"{STORAGE_PREFIX} VT"
        return [f"- {entry};" for entry in others] + [f"- {last}."]

    def addressee_lines(self) -> list[str]:
        """The "Kính gửi:" addressees: one "Kính gửi: X." or a list "- X;" … "- Y."."""
        names = [_bare(name) for name in self.recipients_to if _bare(name)]
        if len(names) == 1:
            return [f"Kính gửi: {names[0]}."]
        return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def _bare(entry: str) -> str:
    """An entry without the list dash and the closing ";" or "."."""
    text = " ".join(entry.split())
    if text.startswith("-"):
        text = text[1:].strip()
    return text.rstrip(";.").strip()
