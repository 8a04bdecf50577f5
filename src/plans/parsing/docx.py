"""Read a .docx file with the standard library: paragraphs and tables of ``word/document.xml``.

Automatic list numbering (``numbering.xml``: decimal, letters, Roman numerals, bullets) is turned
back into the text it shows ("1.", "1.1.", "a)", "-"), because plans number their tasks that way as
often as by hand. Merged cells are expanded: a horizontal merge (``gridSpan``) adds empty cells, a
vertical merge (``vMerge``) repeats the text of the cell above. Documents with a DTD are refused.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from plans.parsing.types import Block, Table, UnreadableFileError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The largest uncompressed XML part read, in bytes (guards against zip bombs).
MAX_PART_BYTES = 50 * 1024 * 1024
_CONTINUE = "\x00vmerge"  # placeholder of a vertically merged cell, replaced by the cell above
_LEVEL_REF = re.compile(r"%(\d)")


def _val(element: ET.Element | None, default: str = "") -> str:
    if element is None:
        return default
    return element.get(W + "val", default)


# --- numbering ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class _Numbering:
    """Numbering definitions (numId → levels) and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if levels[ilvl].fmt == "bullet":
            return "-"
        return _LEVEL_REF.sub(
            lambda m: self._format(levels, counters, int(m.group(1)) - 1), levels[ilvl].text
        )

    @staticmethod
    def _format(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
        level = levels.get(ilvl)
        value = counters.get(ilvl, level.start if level else 1)
        fmt = level.fmt if level else "decimal"
        if fmt in ("lowerLetter", "upperLetter"):
            letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
            return letter if fmt == "lowerLetter" else letter.upper()
        if fmt in ("lowerRoman", "upperRoman"):
            roman = _roman(value)
            return roman if fmt == "upperRoman" else roman.lower()
        return str(value)


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for amount, numeral in numerals:
        while value >= amount:
            text += numeral
            value -= amount
    return text


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


def _parse_numbering(root: ET.Element) -> _Numbering:
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in root.iter(W + "abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in definition.iter(W + "lvl"):
            levels[_int(lvl.get(W + "ilvl", "0"), 0)] = _Level(
                fmt=_val(lvl.find(W + "numFmt"), "decimal"),
                text=_val(lvl.find(W + "lvlText")),
                start=_int(_val(lvl.find(W + "start"), "1"), 1),
            )
        abstract[definition.get(W + "abstractNumId", "")] = levels
    numbering = _Numbering()
    for num in root.iter(W + "num"):
        abstract_id = _val(num.find(W + "abstractNumId"))
        numbering.levels[num.get(W + "numId", "")] = abstract.get(abstract_id, {})
    return numbering


# --- document -------------------------------------------------------------------------------------
def _paragraph_text(paragraph: ET.Element, numbering: _Numbering) -> str:
    parts: list[str] = []
    num_pr = paragraph.find(f"{W}pPr/{W}numPr")
    if num_pr is not None:
        label = numbering.label(
            _val(num_pr.find(W + "numId")), _int(_val(num_pr.find(W + "ilvl")), 0)
        )
        if label:
            parts.append(label + " ")
    for element in paragraph.iter():
        if element.tag == W + "t" and element.text:
            parts.append(element.text)
        elif element.tag == W + "tab":
            parts.append(" ")
        elif element.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: ET.Element, numbering: _Numbering) -> str:
    lines = [_paragraph_text(paragraph, numbering) for paragraph in cell.iter(W + "p")]
    return "\n".join(line for line in lines if line.strip())


def _row_cells(row: ET.Element, numbering: _Numbering) -> list[str]:
    cells: list[str] = []
    for cell in row.findall(W + "tc"):
        properties = cell.find(W + "tcPr")
        merge = properties.find(W + "vMerge") if properties is not None else None
        span = _int(_val(properties.find(W + "gridSpan") if properties is not None else None), 1)
        if merge is not None and _val(merge, "continue") == "continue":
            cells.append(_CONTINUE)
        else:
            cells.append(_cell_text(cell, numbering))
        cells.extend("" for _ in range(max(span, 1) - 1))
    return cells


def _table(table: ET.Element, numbering: _Numbering) -> Table:
    rows: list[tuple[str, ...]] = []
    for row in table.findall(W + "tr"):
        cells = _row_cells(row, numbering)
        above = rows[-1] if rows else ()
        rows.append(
            tuple(
                (above[i] if i < len(above) else "") if text == _CONTINUE else text
                for i, text in enumerate(cells)
            )
        )
    return Table(rows=tuple(rows))


def _blocks(container: ET.Element, numbering: _Numbering) -> Iterator[Block]:
    for child in container:
        if child.tag == W + "p":
            text = _paragraph_text(child, numbering)
            if text.strip():
                yield text
        elif child.tag == W + "tbl":
            yield _table(child, numbering)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            yield from _blocks(child, numbering)


def _read_part(archive: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableFileError(f"broken .docx file ({name} is too large)")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
        raise UnreadableFileError(f"broken .docx file ({name} cannot be unpacked)") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableFileError(f"refused .docx file ({name} declares a DTD)")
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise UnreadableFileError(f"broken .docx file ({name} is not well-formed XML)") from None


def blocks_from_docx(data: bytes) -> tuple[Block, ...]:
    """The paragraphs and tables of a .docx document's body, in order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError):
        raise UnreadableFileError("not a .docx file (not a zip archive)") from None
    with archive:
        document = _read_part(archive, "word/document.xml")
        if document is None:
            raise UnreadableFileError("not a .docx file (no word/document.xml)")
        numbering_root = _read_part(archive, "word/numbering.xml")
    numbering = _parse_numbering(numbering_root) if numbering_root is not None else _Numbering()
    body = document.find(W + "body")
    return tuple(_blocks(body if body is not None else document, numbering))
