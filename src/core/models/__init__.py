"""Framework-level models shared by every app."""

from core.models.changelog import ChangeAction, ChangeLoggedModel, ObjectChange
from core.models.jobs import Heartbeat, Job, JobState, OutboundEmail

__all__ = [
    "ChangeAction",
    "ChangeLoggedModel",
    "Heartbeat",
    "Job",
    "JobState",
    "ObjectChange",
    "OutboundEmail",
]
