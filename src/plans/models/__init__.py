"""Models of the plans app: plans and tasks, tracking, training, inspections, press orders."""

from plans.models.activities import (
    Inspection,
    PressOrder,
    PressOrderMatch,
    TrainingEvent,
)
from plans.models.plans import Plan, PlanTask, ReportingDuty, TaskUnit, UnmatchedUnitName
from plans.models.tracking import ProgressAttachment, ProgressReport, ReminderSent, TaskPeriod

__all__ = [
    "Inspection",
    "Plan",
    "PlanTask",
    "PressOrder",
    "PressOrderMatch",
    "ProgressAttachment",
    "ProgressReport",
    "ReminderSent",
    "ReportingDuty",
    "TaskPeriod",
    "TaskUnit",
    "TrainingEvent",
    "UnmatchedUnitName",
]
