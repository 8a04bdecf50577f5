"""Tables to XLSX with the office's header block (issuer, title, date) above each sheet's table."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from core.documents.issuers import Issuer, date_line

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_WIDTH = 60
CellValue = str | int | float | datetime.date | datetime.time | None
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a header row and data rows (str, numbers, dates, None)."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[float] = field(default=())  # column widths in characters (optional)

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(f"row {list(row)!r} does not match the header of {self.name!r}")


def sheet_title(name: str, taken: set[str]) -> str:
    """An Excel-safe, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("-", name).strip("'") or "Sheet"
    base = base[:31]
    title, number = base, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(title.casefold())
    return title


def _cell_value(value: object) -> CellValue:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones: the local time is written
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, str | int | float | datetime.date | datetime.time):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(item) for item in value)
    return str(value)


def _text_length(value: object) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max(
        (len(line) for line in str(value if value is not None else "").split("\n")), default=0
    )


def _write_header_block(
    ws: Worksheet, title: str, columns: int, issuer: Issuer | None, on: datetime.date | None
) -> int:
    """Issuer lines, title and date over ``columns`` columns; returns the next free row."""
    row = 1
    last = get_column_letter(max(columns, 1))
    left_span = get_column_letter(max(1, min(columns, 2)))
    if issuer is not None:
        ws.cell(row=row, column=1, value=issuer.parent_line).font = Font(name=FONT, size=12)
        ws.cell(row=row + 1, column=1, value=issuer.issuer_line).font = Font(
            name=FONT, size=12, bold=True
        )
        if columns > 1:
            ws.merge_cells(f"A{row}:{left_span}{row}")
            ws.merge_cells(f"A{row + 1}:{left_span}{row + 1}")
        for r in (row, row + 1):
            ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
        row += 3
    title_cell = ws.cell(row=row, column=1, value=title)
    title_cell.font = Font(name=FONT, size=14, bold=True)
    title_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if columns > 1:
        ws.merge_cells(f"A{row}:{last}{row}")
    row += 1
    if on is not None:
        place = issuer.place if issuer is not None else ""
        text = date_line(place, on) if place else on.strftime("%d/%m/%Y")
        date_cell = ws.cell(row=row, column=1, value=f"({text})")
        date_cell.font = Font(name=FONT, size=12, italic=True)
        date_cell.alignment = Alignment(horizontal="center")
        if columns > 1:
            ws.merge_cells(f"A{row}:{last}{row}")
        row += 1
    return row + 1


def _write_sheet(
    ws: Worksheet, title: str, sheet: Sheet, issuer: Issuer | None, on: datetime.date | None
) -> None:
    columns = len(sheet.header)
    header_row = _write_header_block(ws, title, columns, issuer, on)
    lengths = [len(str(name)) for name in sheet.header]
    for column, name in enumerate(sheet.header, start=1):
        head = ws.cell(row=header_row, column=column, value=name)
        head.font = Font(name=FONT, size=12, bold=True)
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.border = BOX
        head.fill = HEADER_FILL
    for offset, values in enumerate(sheet.rows, start=1):
        for column, raw in enumerate(values, start=1):
            value = _cell_value(raw)
            cell = ws.cell(row=header_row + offset, column=column)
            cell.value = value
            cell.font = Font(name=FONT, size=12)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            lengths[column - 1] = max(lengths[column - 1], _text_length(value))
    for column in range(1, columns + 1):
        given = sheet.widths[column - 1] if len(sheet.widths) >= column else None
        width = given if given is not None else min(MAX_WIDTH, lengths[column - 1] + 2)
        ws.column_dimensions[get_column_letter(column)].width = max(width, 6)
    ws.freeze_panes = f"A{header_row + 1}"
    last_row = header_row + max(len(sheet.rows), 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{last_row}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if columns > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def render_xlsx(
    title: str,
    sheets: Sequence[Sheet],
    *,
    issuer: Issuer | None = None,
    on: datetime.date | None = None,
) -> bytes:
    """A workbook with one worksheet per :class:`Sheet`, each under the same header block."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    workbook = Workbook()
    taken: set[str] = set()
    first = True
    for sheet in sheets:
        if first:
            ws = workbook.active
            assert ws is not None
            first = False
        else:
            ws = workbook.create_sheet()
        ws.title = sheet_title(sheet.name, taken)
        _write_sheet(ws, title, sheet, issuer, on)
    workbook.properties.title = title
    if issuer is not None:
        workbook.properties.creator = issuer.name or issuer.issuer_line
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
