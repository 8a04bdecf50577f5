"""Read an uploaded CSV or XLSX file into a header row and text cells, with file line numbers."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
DELIMITERS = (",", ";", "\t")


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnreadableFileError(Exception):
    """The file cannot be read as a table; the message is shown to the officer."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # as in the file: the header is line 1
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def format_for(filename: str) -> FileFormat | None:
    """The format named by the file's extension, or None for anything else."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    return FileFormat(suffix) if suffix in {f.value for f in FileFormat} else None


def read_table(data: bytes, file_format: FileFormat) -> Table:
    if len(data) > MAX_BYTES:
        raise UnreadableFileError(_("The file is larger than 5 MB."))
    rows = _read_xlsx(data) if file_format is FileFormat.XLSX else _read_csv(data)
    if not rows:
        raise UnreadableFileError(_("The file is empty: the first line must name the columns."))
    header, *body = rows
    headers = list(header.cells)
    while headers and not headers[-1].strip():
        headers.pop()
    return Table(tuple(headers), tuple(row for row in body if any(c.strip() for c in row.cells)))


def _read_csv(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            rows.append(Row(start, tuple(cells)))
            _check_size(len(rows))
    except csv.Error as error:
        raise UnreadableFileError(
            _("The CSV file cannot be read near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return rows


def _read_xlsx(data: bytes) -> list[Row]:
    if not data.startswith(b"PK"):
        raise UnreadableFileError(_("The file is not an XLSX workbook."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableFileError(_("The file is not an XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[Row] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append(Row(number, tuple(cell_text(value) for value in values)))
            _check_size(len(rows))
    finally:
        workbook.close()
    while rows and not any(c.strip() for c in rows[-1].cells):
        rows.pop()
    return rows


def _check_size(count: int) -> None:
    if count > MAX_ROWS + 1:
        raise UnreadableFileError(
            _("The file has more than %(count)d rows; split it.") % {"count": MAX_ROWS}
        )


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text the officer sees (dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
