"""Deadline follow-up: a reminder before an assignment's due date, an escalation after it.

Each is sent once per assignment: the timestamp is set by a conditional UPDATE, and only the
call that set it queues the e-mail, so running the job twice (or in two workers) sends nothing
twice. ``now`` is passed in (a controlled clock in tests).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cases import notifications
from cases.choices import AssignmentState
from cases.models import Assignment
from cases.workflow import record

OPEN = (AssignmentState.PENDING, AssignmentState.VERIFYING)
DEFAULT_REMIND_DAYS = 1


@dataclass(frozen=True, slots=True)
class FollowUp:
    reminded: tuple[int, ...]
    escalated: tuple[int, ...]


def _remind_before(assignment: Assignment) -> int:
    return assignment.rule.remind_before_days if assignment.rule else DEFAULT_REMIND_DAYS


def due_for_reminder(today: datetime.date) -> list[Assignment]:
    """Open assignments not yet reminded, due within their rule's reminder window, not overdue."""
    candidates = (
        Assignment.objects.filter(
            state__in=OPEN, reminder_sent_at__isnull=True, escalated_at__isnull=True
        )
        .filter(due_date__gte=today)
        .select_related("rule", "case", "unit")
    )
    return [
        a for a in candidates if a.due_date - datetime.timedelta(days=_remind_before(a)) <= today
    ]


def overdue(today: datetime.date) -> list[Assignment]:
    return list(
        Assignment.objects.filter(
            state__in=OPEN, escalated_at__isnull=True, due_date__lt=today
        ).select_related("case", "unit")
    )


def _claim(assignment: Assignment, field: str, now: datetime.datetime) -> bool:
    """Set ``field`` to ``now`` if it is still empty; True for the one caller that set it."""
    claimed = Assignment.objects.filter(Q(**{f"{field}__isnull": True}), pk=assignment.pk).update(
        **{field: now}, updated_at=F("updated_at")
    )
    return bool(claimed)


def run(now: datetime.datetime | None = None) -> FollowUp:
    """Send the reminders and escalations due at ``now``."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    reminded: list[int] = []
    escalated: list[int] = []
    for assignment in due_for_reminder(today):
        with transaction.atomic():
            if _claim(assignment, "reminder_sent_at", now):
                notifications.reminder(assignment)
                record(assignment.case, None, "reminded", "", unit_id=assignment.unit_id, time=now)
                reminded.append(assignment.pk)
    for assignment in overdue(today):
        with transaction.atomic():
            if _claim(assignment, "escalated_at", now):
                notifications.escalation(assignment)
                record(assignment.case, None, "escalated", "", unit_id=assignment.unit_id, time=now)
                escalated.append(assignment.pk)
    return FollowUp(tuple(reminded), tuple(escalated))
