"""Export every record of a registry type as CSV or XLSX, in the columns the importer reads."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from registry.exports import CSV_TYPE, XLSX_TYPE, write_csv, write_xlsx
from registry.io.columns import Column, ForeignKeyColumn, columns_for
from registry.io.reader import FileFormat
from registry.types import RegistryType


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int


def export_rows(registry_type: RegistryType) -> tuple[list[str], list[list[str]]]:
    """The header (field names) and one row of text cells per record."""
    columns = list(columns_for(registry_type).values())
    records = registry_type.model._default_manager.select_related(*_related(columns))
    ordering = [*ordering_of(registry_type.model), "pk"]
    rows = [[column.format(record) for column in columns] for record in records.order_by(*ordering)]
    return [column.name for column in columns], rows


def _related(columns: list[Column]) -> list[str]:
    paths: list[str] = []
    for column in columns:
        if isinstance(column, ForeignKeyColumn):
            paths.append(column.name)
            paths.extend(f"{column.name}__{path}" for path in column.reference.select_related)
    return paths


def export_file(registry_type: RegistryType, file_format: FileFormat) -> ExportFile:
    headers, rows = export_rows(registry_type)
    stem = f"{registry_type.slug}-{timezone.localdate().isoformat()}"
    if file_format is FileFormat.XLSX:
        content = write_xlsx(headers, rows, title=registry_type.slug)
        return ExportFile(content, XLSX_TYPE, f"{stem}.xlsx", len(rows))
    return ExportFile(write_csv(headers, rows), CSV_TYPE, f"{stem}.csv", len(rows))


def ordering_of(model: type[models.Model]) -> list[str]:
    return [str(name) for name in model._meta.ordering or ()]
