"""Import and export of registry records as CSV or XLSX (one column per field, by field name).

- :mod:`registry.io.columns` — how each field is written to and read from a cell.
- :mod:`registry.io.reader` — reading an uploaded file into rows with their file line numbers.
- :mod:`registry.io.importer` — dry run and apply (all-or-nothing, or skipping invalid rows).
- :mod:`registry.io.exporter` — every record of a type as a file.
"""

from registry.io.exporter import ExportFile, export_file, export_rows
from registry.io.importer import ImportReport, Problem, run_import
from registry.io.reader import MAX_BYTES, FileFormat, format_for

__all__ = [
    "MAX_BYTES",
    "ExportFile",
    "FileFormat",
    "ImportReport",
    "Problem",
    "export_file",
    "export_rows",
    "format_for",
    "run_import",
]
