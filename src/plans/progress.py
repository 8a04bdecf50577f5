"""Completion figures of a plan per task and per unit (read-only selectors for the dashboard)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from plans.choices import ProgressStatus
from plans.models import TaskPeriod


@dataclass(frozen=True, slots=True)
class Completion:
    key: int
    label: str
    total: int
    done: int
    reported: int
    overdue: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def percent_reported(self) -> int:
        return round(100 * self.reported / self.total) if self.total else 0


def _figures(periods: QuerySet[TaskPeriod], today: datetime.date, *group: str) -> list[Any]:
    return list(
        periods.values(*group)
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=ProgressStatus.DONE)),
            reported=Count("pk", filter=Q(reported_at__isnull=False)),
            overdue=Count("pk", filter=Q(reported_at__isnull=True, due__lt=today)),
        )
        .order_by(*group)
    )


def by_task(periods: QuerySet[TaskPeriod], today: datetime.date) -> list[Completion]:
    """One row per task that has periods, in the plan's order."""
    rows = _figures(periods, today, "task__order", "task_id", "task__code", "task__title")
    return [
        Completion(
            r["task_id"],
            f"{r['task__code']}. {r['task__title']}",
            r["total"],
            r["done"],
            r["reported"],
            r["overdue"],
        )
        for r in rows
    ]


def by_unit(periods: QuerySet[TaskPeriod], today: datetime.date) -> list[Completion]:
    """One row per responsible unit, by name."""
    rows = _figures(periods, today, "unit__name", "unit_id")
    return [
        Completion(
            r["unit_id"], r["unit__name"], r["total"], r["done"], r["reported"], r["overdue"]
        )
        for r in rows
    ]
