"""Values of the plan parser: frozen, slotted dataclasses whose text is already NFC.

No framework imports here or anywhere in ``plans.parsing`` (an import contract enforces it).
:func:`plan_to_dict` and :func:`to_json` give the schema of DECISIONS §5 (``plan_parse`` output).
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ScheduleKind(StrEnum):
    CONTINUOUS = "continuous"  # "Thường xuyên"
    ANNUAL = "annual"  # "Hằng năm", "Ít nhất 01 đợt/năm"
    SEMIANNUAL = "semiannual"  # "6 tháng/lần"
    QUARTERLY = "quarterly"  # "Hằng quý"
    MONTHLY = "monthly"  # "Hằng tháng"
    ONCE = "once"  # a one-off task: a deadline, or no time stated at all
    RANGE = "range"  # "Năm 2024", "Quý III/2026", "Từ năm 2022 đến năm 2025"
    FROM = "from"  # "Từ năm 2023"


# --- outcomes -------------------------------------------------------------------------------------
class PlanParseError(Exception):
    """Base of the parser's outcomes; ``reason`` is one line, shown as it is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnsupportedFormatError(PlanParseError):
    """The file is not .txt, .md or .docx."""


class UnreadableFileError(PlanParseError):
    """The file is missing, cannot be read, or is not what its name says (a broken .docx)."""


class NoTasksError(PlanParseError):
    """The document holds no task the parser can recognise."""


# --- what the reader produces ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Table:
    """A table of the source document: rows of cell texts (a cell may hold several lines)."""

    rows: tuple[tuple[str, ...], ...]


#: A block of the source document in reading order: a paragraph's text or a table.
Block = str | Table


# --- the plan -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Schedule:
    """When a task is done; ``raw`` is the source text the schedule was read from ("" if none)."""

    kind: ScheduleKind
    raw: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    due: datetime.date | None = None
    min_per_year: int | None = None


@dataclass(frozen=True, slots=True)
class Task:
    code: str
    title: str
    parent: str | None
    lead_units: tuple[str, ...]
    coordinating_units: tuple[str, ...]
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class ReportingDuty:
    """A duty to report: ``who`` reports ("" when the plan names nobody), ``what``, and when."""

    what: str
    who: str
    due_rule: str
    raw: str


@dataclass(frozen=True, slots=True)
class Signer:
    title: str = ""  # the signature block's title lines joined by "\n" ("KT. CHỦ TỊCH\nPHÓ …")
    name: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    title: str
    issuer: str
    number: str | None
    date: datetime.date | None
    legal_bases: tuple[str, ...]
    tasks: tuple[Task, ...]
    reporting: tuple[ReportingDuty, ...]
    recipients: tuple[str, ...]
    signer: Signer


# --- JSON -----------------------------------------------------------------------------------------
def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _schedule_dict(schedule: Schedule) -> dict[str, Any]:
    return {
        "kind": schedule.kind.value,
        "start": _iso(schedule.start),
        "end": _iso(schedule.end),
        "due": _iso(schedule.due),
        "min_per_year": schedule.min_per_year,
        "raw": _nfc(schedule.raw),
    }


def _task_dict(task: Task) -> dict[str, Any]:
    return {
        "code": task.code,
        "title": _nfc(task.title),
        "parent": task.parent,
        "lead_units": [_nfc(unit) for unit in task.lead_units],
        "coordinating_units": [_nfc(unit) for unit in task.coordinating_units],
        "schedule": _schedule_dict(task.schedule),
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan in the schema of DECISIONS §5 (dates ``YYYY-MM-DD``, text NFC)."""
    return {
        "title": _nfc(plan.title),
        "issuer": _nfc(plan.issuer),
        "number": plan.number,
        "date": _iso(plan.date),
        "legal_bases": [_nfc(basis) for basis in plan.legal_bases],
        "tasks": [_task_dict(task) for task in plan.tasks],
        "reporting": [
            {
                "what": _nfc(duty.what),
                "who": _nfc(duty.who),
                "due_rule": _nfc(duty.due_rule),
                "raw": _nfc(duty.raw),
            }
            for duty in plan.reporting
        ],
        "recipients": [_nfc(recipient) for recipient in plan.recipients],
        "signer": {"title": _nfc(plan.signer.title), "name": _nfc(plan.signer.name)},
    }


def to_json(plan: Plan, *, indent: int | None = 2) -> str:
    """The plan as JSON text (not ASCII-escaped)."""
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=indent)
