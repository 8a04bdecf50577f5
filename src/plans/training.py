"""Yearly training targets: a task that must be held "at least N times a year" (its
``min_per_year``) is unmet in a year with fewer linked training events."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from plans.choices import PlanStatus
from plans.models import PlanTask


@dataclass(frozen=True, slots=True)
class TargetStatus:
    task: PlanTask
    year: int
    required: int
    held: int

    @property
    def met(self) -> bool:
        return self.held >= self.required


def target_years(task: PlanTask, today: datetime.date) -> range:
    """The years a task's target applies to: its plan's tracking window, up to this year."""
    plan = task.plan
    first = max(plan.track_from.year, task.schedule_start.year if task.schedule_start else 0)
    last = min(plan.track_to.year, today.year)
    if task.schedule_end is not None:
        last = min(last, task.schedule_end.year)
    return range(first, last + 1)


def training_targets(today: datetime.date) -> list[TargetStatus]:
    """Every yearly target of the active plans with the events held, oldest year first."""
    tasks = PlanTask.objects.filter(
        min_per_year__isnull=False, plan__status=PlanStatus.ACTIVE
    ).select_related("plan")
    statuses: list[TargetStatus] = []
    for task in tasks:
        years = target_years(task, today)
        if not years:
            continue
        counts = task.training_events.aggregate(
            **{str(y): Count("pk", filter=Q(date__year=y)) for y in years}
        )
        statuses.extend(
            TargetStatus(task, y, task.min_per_year or 0, counts[str(y)]) for y in years
        )
    return sorted(statuses, key=lambda s: (s.year, s.task.plan_id, s.task.order))


def unmet_targets(today: datetime.date) -> list[TargetStatus]:
    """Targets not met: for past years for good, for this year so far."""
    return [s for s in training_targets(today) if not s.met]
