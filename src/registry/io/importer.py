"""Import registry records from a table: check every row first, then write all or the valid ones.

:func:`run_import` is the one entry point (pages and the command use it). It reads the file, plans
every row (parse each cell, match the record by the type's ``key_fields``, run the model's
``full_clean``) and returns an :class:`ImportReport`. With ``apply=True`` it writes in one
transaction, attributed to the officer with the comment "Nhập từ tệp <file>" — nothing at all if any
row is invalid, unless ``skip_invalid=True``, which writes the valid rows and skips the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from core.context import acting
from registry.io.columns import KEEP, CellError, Column, columns_for
from registry.io.reader import FileFormat, Row, Table, UnreadableFileError, format_for, read_table
from registry.models.base import RegistryRecord
from registry.types import RegistryType

COMMENT = "Nhập từ tệp {filename}"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # as in the file; the header is line 1
    column: str  # field name, or "" for the whole row
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass(slots=True)
class RowPlan:
    line: int
    record: RegistryRecord
    action: Action = Action.UNCHANGED
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    """What an import found and did. In a dry run the counts say what applying would do."""

    type: str
    filename: str
    dry_run: bool = True
    applied: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    file_errors: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len({problem.line for problem in self.problems})

    @property
    def valid(self) -> int:
        return self.rows - self.invalid

    @property
    def blocked(self) -> bool:
        """True when something prevents writing all rows (file errors or invalid rows)."""
        return bool(self.file_errors or self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "file": self.filename,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "file_errors": list(self.file_errors),
            "problems": [problem.as_dict() for problem in self.problems],
        }


def run_import(
    registry_type: RegistryType,
    data: bytes,
    filename: str,
    *,
    apply: bool = False,
    skip_invalid: bool = False,
    user: Any = None,
) -> ImportReport:
    """Check ``data`` (CSV or XLSX, told by ``filename``) and, with ``apply``, write it."""
    report = ImportReport(type=registry_type.slug, filename=filename, dry_run=not apply)
    table = _read(data, filename, report)
    if table is None:
        return report
    if not apply:
        _summarise(plan_rows(registry_type, table, report), report)
        return report
    try:
        with (
            transaction.atomic(),
            acting(
                user=user,
                actor="" if user else "registry_import",
                comment=COMMENT.format(filename=filename),
            ),
        ):
            plans = plan_rows(registry_type, table, report)
            _summarise(plans, report)
            if report.file_errors or (report.problems and not skip_invalid):
                return report
            _write(plans)
            report.applied = True
    except DatabaseError as error:
        report.applied = False
        report.file_errors.append(
            _("The database refused the changes: %(error)s") % {"error": error}
        )
    return report


def _read(data: bytes, filename: str, report: ImportReport) -> Table | None:
    file_format = format_for(filename)
    if file_format is None:
        report.file_errors.append(_("Only CSV and XLSX files can be imported."))
        return None
    try:
        return read_table(data, FileFormat(file_format))
    except UnreadableFileError as error:
        report.file_errors.append(str(error))
        return None


def plan_rows(registry_type: RegistryType, table: Table, report: ImportReport) -> list[RowPlan]:
    """Plan every row of ``table``; file-level and row problems are added to ``report``."""
    columns = columns_for(registry_type)
    report.file_errors.extend(_header_errors(registry_type, table.headers, columns))
    report.rows = len(table.rows)
    if report.file_errors:
        return []
    planner = _Planner(registry_type, [columns[h.strip().lower()] for h in table.headers])
    plans = [planner.plan(row) for row in table.rows]
    for plan in plans:
        report.problems.extend(plan.problems)
    return plans


def _header_errors(
    registry_type: RegistryType, headers: tuple[str, ...], columns: dict[str, Column]
) -> list[str]:
    names = [header.strip().lower() for header in headers]
    errors = [
        _("Column %(number)d: unknown column “%(name)s”. Expected: %(expected)s.")
        % {"number": number, "name": name, "expected": ", ".join(columns)}
        for number, name in enumerate(names, start=1)
        if name not in columns
    ]
    errors += [
        _("Column “%(name)s” appears more than once.") % {"name": name}
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    errors += [
        _("The key column “%(name)s” is missing.") % {"name": name}
        for name in registry_type.key_fields
        if name not in names
    ]
    return errors


class _Planner:
    """Plans rows one by one, remembering keys already seen in the file."""

    def __init__(self, registry_type: RegistryType, columns: list[Column]) -> None:
        self.registry_type = registry_type
        self.columns = columns
        self.key_columns = [
            c for name in registry_type.key_fields for c in columns if c.name == name
        ]
        self.seen: dict[tuple[Any, ...], int] = {}
        self.existing: dict[tuple[Any, ...], list[RegistryRecord]] = {}
        for record in registry_type.model._default_manager.all():
            self.existing.setdefault(self._key_of(record), []).append(record)

    def _key_of(self, record: RegistryRecord) -> tuple[Any, ...]:
        return tuple(column.current(record) for column in self.key_columns)

    def plan(self, row: Row) -> RowPlan:
        values, problems = self._parse(row)
        record = self._match(row.line, values, problems)
        plan = RowPlan(row.line, record, problems=problems)
        if record.pk is None:
            plan.action = Action.CREATE
        changed = [c for c in self.columns if c.name in values and _differs(c, record, values)]
        for column in changed:
            setattr(record, column.attname, values[column.name])
        if changed and record.pk is not None:
            plan.action = Action.UPDATE
        if plan.action is not Action.UNCHANGED:
            failed = {p.column for p in problems} | {c.name for c in self.columns} - set(values)
            problems.extend(_validate(record, row.line, failed & set(self.registry_type.fields)))
        return plan

    def _parse(self, row: Row) -> tuple[dict[str, Any], list[Problem]]:
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for index, cell in enumerate(row.cells):
            if index >= len(self.columns):
                if cell.strip():
                    problems.append(Problem(row.line, "", _("A value outside the named columns.")))
                continue
            column = self.columns[index]
            try:
                value = column.parse(cell)
            except CellError as error:
                problems.append(Problem(row.line, column.name, str(error)))
                continue
            if value is not KEEP:
                values[column.name] = value
        return values, problems

    def _match(self, line: int, values: dict[str, Any], problems: list[Problem]) -> RegistryRecord:
        model = self.registry_type.model
        if any(column.name not in values for column in self.key_columns):
            return model()
        key = tuple(values[column.name] for column in self.key_columns)
        first = ", ".join(self.registry_type.key_fields)
        if key in self.seen:
            problems.append(
                Problem(line, first, _("Same key as line %(line)d.") % {"line": self.seen[key]})
            )
            return model()
        self.seen[key] = line
        matches = self.existing.get(key, [])
        if len(matches) > 1:
            problems.append(
                Problem(
                    line,
                    first,
                    _("Matches %(count)d records; which one?") % {"count": len(matches)},
                )
            )
            return model()
        return matches[0] if matches else model()


def _differs(column: Column, record: RegistryRecord, values: dict[str, Any]) -> bool:
    return bool(record.pk is None or column.current(record) != values[column.name])


def _validate(record: RegistryRecord, line: int, exclude: set[str]) -> list[Problem]:
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        return [
            Problem(line, "" if name == NON_FIELD_ERRORS else name, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _summarise(plans: list[RowPlan], report: ImportReport) -> None:
    for plan in plans:
        if plan.problems:
            report.skipped += 1
        elif plan.action is Action.CREATE:
            report.created += 1
        elif plan.action is Action.UPDATE:
            report.updated += 1
        else:
            report.unchanged += 1


def _write(plans: list[RowPlan]) -> None:
    for plan in plans:
        if not plan.problems and plan.action is not Action.UNCHANGED:
            plan.record.save()
