"""Reminders to units: a mail to the unit's liaisons before a period is due and once it is
overdue, at most once per period and kind (the ``ReminderSent`` unique key makes it so, even
when the job runs twice)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.access import Role
from core.mail import queue_email
from plans.choices import PlanStatus, ReminderKind
from plans.models import Plan, ReminderSent, TaskPeriod

logger = logging.getLogger(__name__)
LIAISON_ROLES = (Role.UNIT_LIAISON, Role.POLICE_LIAISON)


@dataclass(frozen=True, slots=True)
class Due:
    period: TaskPeriod
    kind: str


def liaison_emails(unit_id: int) -> list[str]:
    users = User.objects.filter(unit_id=unit_id, role__in=LIAISON_ROLES, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def due_reminders(today: datetime.date) -> list[Due]:
    """Unreported periods of active plans that are due within the plan's reminder days, or
    overdue, and have not had that reminder yet."""
    horizon = Plan.objects.filter(status=PlanStatus.ACTIVE).aggregate(n=Max("reminder_days"))["n"]
    open_periods = TaskPeriod.objects.filter(
        reported_at__isnull=True,
        task__plan__status=PlanStatus.ACTIVE,
        due__lte=today + datetime.timedelta(days=horizon or 0),
    ).select_related("task__plan", "unit")
    sent = set(ReminderSent.objects.values_list("period_id", "kind"))
    found: list[Due] = []
    for period in open_periods:
        if period.due < today:
            kind = ReminderKind.OVERDUE
        elif (period.due - today).days <= period.task.plan.reminder_days:
            kind = ReminderKind.DUE_SOON
        else:
            continue
        if (period.pk, str(kind)) not in sent:
            found.append(Due(period, str(kind)))
    return found


def _message(due: Due) -> tuple[str, str]:
    period, task = due.period, due.period.task
    values = {
        "code": task.code,
        "title": task.title,
        "label": period.label,
        "due": period.due.strftime("%d/%m/%Y"),
        "unit": period.unit.name,
        "plan": str(task.plan),
        "url": settings.SITE_URL + reverse("plans:period_detail", args=[period.pk]),
    }
    if due.kind == ReminderKind.OVERDUE:
        subject = _("Overdue: report on task %(code)s (%(label)s) was due %(due)s") % values
    else:
        subject = _("Reminder: report on task %(code)s (%(label)s) is due %(due)s") % values
    body = (
        _(
            "Unit: %(unit)s\nPlan: %(plan)s\nTask %(code)s: %(title)s\nPeriod: %(label)s, "
            "due %(due)s\n\nPlease submit the progress report in PressWatch: %(url)s"
        )
        % values
    )
    return subject, body


def send_reminders(today: datetime.date) -> int:
    """Queue the reminders due on ``today``; returns the number of mails queued."""
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for due in due_reminders(today):
            recipients = liaison_emails(due.period.unit_id)
            if not recipients:
                continue  # no liaison yet: reminded once someone is named
            subject, body = _message(due)
            try:
                with transaction.atomic():
                    marker = ReminderSent.objects.create(
                        period=due.period, kind=due.kind, sent_on=today, recipients=recipients
                    )
                    marker.email = queue_email(recipients, subject, body)
                    marker.save(update_fields=["email"])
            except IntegrityError:
                logger.info("reminder %s for period %s was sent already", due.kind, due.period.pk)
                continue
            queued += 1
    return queued
