"""The plan parser: a plan document (.txt, .md, .docx) → the plan schema of DECISIONS §5.

Pure code: no framework imports here or in any module of this package (an import contract
enforces it). Rules and examples: ``docs/plan-parse.md``.
"""

from plans.parsing.plan import parse_blocks, parse_plan_file, parse_plan_text
from plans.parsing.schedule import parse_schedule
from plans.parsing.types import (
    NoTasksError,
    Plan,
    PlanParseError,
    ReportingDuty,
    Schedule,
    ScheduleKind,
    Signer,
    Task,
    UnreadableFileError,
    UnsupportedFormatError,
    plan_to_dict,
    to_json,
)
from plans.parsing.units import split_units

__all__ = [
    "NoTasksError",
    "Plan",
    "PlanParseError",
    "ReportingDuty",
    "Schedule",
    "ScheduleKind",
    "Signer",
    "Task",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "parse_blocks",
    "parse_plan_file",
    "parse_plan_text",
    "parse_schedule",
    "plan_to_dict",
    "split_units",
    "to_json",
]
