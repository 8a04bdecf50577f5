"""Tasks in a table (usually the appendix "Danh mục nhiệm vụ").

- A task table has, in one of its first three rows, a task column ("Nhiệm vụ", "Nội dung") and a
  lead column ("Cơ quan/Đơn vị chủ trì", "Đơn vị thực hiện", "chịu trách nhiệm") or a time column
  ("Thời gian thực hiện", "Thời hạn hoàn thành", "Tiến độ"); "phối hợp" marks the coordinating
  column, "STT"/"TT" the number. Other columns ("Sản phẩm") are ignored.
- A row whose number is a Roman numeral or a capital letter ("I", "A.") and that names no unit
  is a group: it becomes a parent task coded by its position ("I" → "1"), and the rows under it
  are coded "<group>.<number as written>" ("1.1", "2.3").
- Without groups a row keeps its number as written ("1", "2.1"); a row without a number is
  numbered by its position. Repeated header rows and column-number rows ("(1) | (2) | …") are
  skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import normalize_text
from plans.parsing.keys import fold, tidy
from plans.parsing.schedule import NO_SCHEDULE, parse_schedule
from plans.parsing.structure import roman_value
from plans.parsing.types import Table, Task
from plans.parsing.units import split_units

_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("time", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|thoi diem")),
    ("coordinating", re.compile(r"phoi hop")),
    ("task", re.compile(r"^(?:ten |cac )?(?:nhiem vu|noi dung|hoat dong|cong viec|giai phap)")),
    ("lead", re.compile(r"chu tri|thuc hien|chiu trach nhiem|dau moi")),
    ("task", re.compile(r"nhiem vu|noi dung|hoat dong|cong viec|giai phap")),
    ("code", re.compile(r"^(?:stt|tt|so tt|so thu tu|ma)$")),
]
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_CODE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*$")
_GROUP = re.compile(r"^([ivxl]{1,6}|[a-z])$")


@dataclass(frozen=True, slots=True)
class _Columns:
    header: int
    roles: dict[str, int]

    def cell(self, row: tuple[str, ...], role: str) -> str:
        index = self.roles.get(role)
        return normalize_text(row[index]) if index is not None and index < len(row) else ""


def _roles(row: tuple[str, ...]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = tidy(fold(normalize_text(cell))).rstrip(".")
        for role, pattern in _ROLES:
            if role not in roles and pattern.search(key):
                roles[role] = index
                break
    return roles


def task_columns(table: Table) -> _Columns | None:
    """The column roles of a task table, or None when ``table`` is not one."""
    for index, row in enumerate(table.rows[:3]):
        roles = _roles(row)
        if "task" in roles and ("lead" in roles or "time" in roles):
            return _Columns(index, roles)
    return None


def _group_number(code: str) -> int:
    key = fold(code)
    if len(key) == 1 and key.isalpha() and code.isupper() and key not in "ivxl":
        return ord(key) - ord("a") + 1
    return roman_value(key)


@dataclass(slots=True)
class _Rows:
    columns: _Columns
    tasks: list[Task]
    group: str = ""
    position: int = 0

    def unique(self, code: str) -> str:
        used = {task.code for task in self.tasks}
        candidate, suffix = code, 1
        while candidate in used:
            suffix += 1
            candidate = f"{code}-{suffix}"
        return candidate

    def add(self, row: tuple[str, ...]) -> None:
        number = self.columns.cell(row, "code").rstrip(".").strip()
        title = tidy(self.columns.cell(row, "task")).rstrip(".").strip()
        lead = split_units(self.columns.cell(row, "lead"))
        coordinating = split_units(self.columns.cell(row, "coordinating"))
        time = self.columns.cell(row, "time")
        if not title:
            return
        group_match = _GROUP.match(fold(number))
        if group_match and number.isupper() and not lead and not coordinating:
            self.group = self.unique(str(_group_number(number) or len(self.tasks) + 1))
            self.position = 0
            code, parent = self.group, None
        else:
            self.position += 1
            own = number if _CODE.match(number) else str(self.position)
            code = self.unique(f"{self.group}.{own}" if self.group else own)
            parent = self.group or self._parent_of(code)
        schedule = parse_schedule(time) if tidy(time) else NO_SCHEDULE
        self.tasks.append(Task(code, title, parent, lead, coordinating, schedule))

    def _parent_of(self, code: str) -> str | None:
        parent = code.rsplit(".", 1)[0] if "." in code else None
        return parent if parent in {task.code for task in self.tasks} else None


def _skip(row: tuple[str, ...], header: tuple[str, ...]) -> bool:
    cells = [cell.strip() for cell in row if cell.strip()]
    if not cells:
        return True
    if [fold(cell) for cell in row] == [fold(cell) for cell in header]:
        return True  # the header repeated on a new page
    return all(_COLUMN_NUMBER.match(cell) for cell in cells)


def table_tasks(table: Table, columns: _Columns, *, before: tuple[Task, ...] = ()) -> list[Task]:
    """The tasks of one task table; codes stay unique after the tasks ``before`` it."""
    rows = _Rows(columns, list(before))
    header = table.rows[columns.header]
    for row in table.rows[columns.header + 1 :]:
        if not _skip(row, header):
            rows.add(row)
    return rows.tasks[len(before) :]
