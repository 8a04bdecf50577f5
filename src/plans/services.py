"""Write use-cases of the plans app: periods, progress reports, resolving unit names."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Unit
from plans.choices import MatchMethod, UnitRole
from plans.models import (
    Plan,
    PlanTask,
    ProgressAttachment,
    ProgressReport,
    TaskPeriod,
    TaskUnit,
    UnmatchedUnitName,
)
from plans.periods import ReportingRule, TaskSchedule, compute_periods

MAX_SUCCESSOR_HOPS = 10


def rule_of(plan: Plan) -> ReportingRule:
    return ReportingRule(plan.report_cadence, plan.report_month, plan.report_day)


def schedule_of(task: PlanTask) -> TaskSchedule:
    return TaskSchedule(
        task.schedule_kind, task.schedule_start, task.schedule_end, task.schedule_due
    )


def sync_periods(plan: Plan) -> int:
    """Create the missing periods of every task × lead unit; drop unreported periods that the
    schedule no longer gives (after a settings change). Returns the number created."""
    rule, window = rule_of(plan), (plan.track_from, plan.track_to)
    leads: dict[int, set[int]] = {}
    for task_id, unit_id in TaskUnit.objects.filter(
        task__plan=plan, role=UnitRole.LEAD
    ).values_list("task_id", "unit_id"):
        leads.setdefault(task_id, set()).add(unit_id)
    existing = {
        (p.task_id, p.unit_id, p.due): p
        for p in TaskPeriod.objects.filter(task__plan=plan).only("pk", "task_id", "unit_id", "due")
    }
    wanted: set[tuple[int, int, datetime.date]] = set()
    created: list[TaskPeriod] = []
    for task in plan.tasks.all():
        specs = compute_periods(schedule_of(task), rule, window)
        for unit_id in sorted(leads.get(task.pk, ())):
            for spec in specs:
                key = (task.pk, unit_id, spec.due)
                wanted.add(key)
                if key not in existing:
                    created.append(
                        TaskPeriod(
                            task=task,
                            unit_id=unit_id,
                            label=spec.label,
                            start=spec.start,
                            end=spec.end,
                            due=spec.due,
                        )
                    )
    for period in created:
        period.save()  # one by one: each creation is audited
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    for period in TaskPeriod.objects.filter(pk__in=stale, reported_at__isnull=True):
        period.delete()
    return len(created)


def current_unit(unit: Unit, today: datetime.date) -> Unit:
    """Follow successors from a dissolved unit to the one in force on ``today`` (where press
    work went, when that differs from the legal successor)."""
    for _hop in range(MAX_SUCCESSOR_HOPS):
        following = unit.successor_for_press
        if unit.is_valid_on(today) or following is None:
            break
        unit = following
    return unit


@transaction.atomic
def resolve_name(name: UnmatchedUnitName, unit: Unit, today: datetime.date) -> int:
    """The office says which unit a plan's name meant: add it to every task where the name
    appears (the unit responsible today, following successors) and create its periods."""
    now_unit = current_unit(unit, today)
    tasks = {t.code: t for t in name.plan.tasks.all()}
    added = 0
    for item in name.occurrences:
        task = tasks.get(item["task"])
        if task is None:
            continue
        _, created = TaskUnit.objects.get_or_create(
            task=task,
            unit=now_unit,
            role=item["role"],
            defaults={
                "named_unit": unit,
                "name_as_written": name.raw_name,
                "method": MatchMethod.MANUAL,
            },
        )
        added += int(created)
    name.resolved_unit = unit
    name.ignored = False
    name.save()
    sync_periods(name.plan)
    return added


def ignore_name(name: UnmatchedUnitName) -> None:
    name.ignored = True
    name.save()


@transaction.atomic
def submit_report(
    period: TaskPeriod,
    *,
    user: Any,
    status: str,
    text: str,
    figures: dict[str, Any] | None = None,
    files: Iterable[UploadedFile[Any]] = (),
) -> ProgressReport:
    """Store a unit's report on a period with its attachments; the period shows its status."""
    report = ProgressReport.objects.create(
        period=period,
        unit_id=period.unit_id,
        submitted_by=user,
        status=status,
        text=text,
        figures=figures or {},
    )
    for upload in files:
        ProgressAttachment.objects.create(
            report=report,
            file=upload,
            original_name=(upload.name or "")[:255],
            size=upload.size or 0,
        )
    period.status = status
    period.reported_at = timezone.now()
    period.save(update_fields=["status", "reported_at", "updated_at"])
    return report
