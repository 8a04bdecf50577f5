"""Framework-level models shared by every app."""

from core.models.changelog import ChangeAction, ChangeLoggedModel, ObjectChange
from core.models.jobs import Heartbeat, Job, JobState, OutboundEmail
from core.models.validity import DatedModel, ValidityQuerySet

__all__ = [
    "ChangeAction",
    "ChangeLoggedModel",
    "DatedModel",
    "Heartbeat",
    "Job",
    "JobState",
    "ObjectChange",
    "OutboundEmail",
    "ValidityQuerySet",
]
