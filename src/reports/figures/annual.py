"""Figures of the annual plan implementation report (due before 25/11), per task and unit, from
the units' progress reports on their due periods."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from plans.choices import ProgressStatus
from plans.models import Inspection, Plan, PressOrder, ProgressReport, TaskPeriod, TrainingEvent

EXCERPT = 400


@dataclass(frozen=True, slots=True)
class TaskRow:
    code: str
    title: str
    depth: int
    unit: str
    periods_due: int
    reported: int
    status: str  # the latest report's status ("" when none)
    excerpt: str
    overdue: int


@dataclass(frozen=True, slots=True)
class Annual:
    plan_id: int
    plan_title: str
    plan_number: str
    plan_date: datetime.date | None
    year: int
    rows: tuple[TaskRow, ...]
    periods_due: int
    reported: int
    overdue: int
    by_status: tuple[tuple[str, int], ...]  # ProgressStatus value → periods whose report says so
    training_events: int
    inspections: int
    press_orders: int

    @property
    def reported_percent(self) -> float:
        return round(100 * self.reported / self.periods_due, 1) if self.periods_due else 0.0


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def annual(plan: Plan, year: int) -> Annual:
    today = timezone.localdate()
    cutoff = min(today, datetime.date(year, 12, 31))
    periods = list(
        TaskPeriod.objects.filter(task__plan=plan, due__year=year)
        .select_related("task", "unit")
        .annotate(n_reports=Count("reports"))
        .order_by("task__order", "task__code", "unit__name", "due")
    )
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(period__in=[p.pk for p in periods]).order_by(
        "submitted_at", "pk"
    ):
        latest[report.period_id] = report
    grouped: dict[tuple[int, int], list[TaskPeriod]] = defaultdict(list)
    for period in periods:
        grouped[(period.task_id, period.unit_id)].append(period)
    rows: list[TaskRow] = []
    tasks = plan.tasks.order_by("order", "code")
    for task in tasks:
        keys = [key for key in grouped if key[0] == task.pk]
        if not keys:
            leads = ", ".join(task.lead_names)
            rows.append(TaskRow(task.code, task.title, task.depth, leads, 0, 0, "", "", 0))
            continue
        for key in sorted(keys, key=lambda k: grouped[k][0].unit.name):
            own = grouped[key]
            reports = [latest[p.pk] for p in own if p.pk in latest]
            last = max(reports, key=lambda r: (r.submitted_at, r.pk)) if reports else None
            rows.append(
                TaskRow(
                    code=task.code,
                    title=task.title,
                    depth=task.depth,
                    unit=own[0].unit.name,
                    periods_due=len(own),
                    reported=sum(1 for p in own if p.reported_at is not None),
                    status=last.status if last else "",
                    excerpt=_excerpt(last.text) if last else "",
                    overdue=sum(1 for p in own if p.reported_at is None and p.due < cutoff),
                )
            )
    statuses = Counter(p.status for p in periods if p.status)
    return Annual(
        plan_id=plan.pk,
        plan_title=plan.title,
        plan_number=plan.number,
        plan_date=plan.date,
        year=year,
        rows=tuple(rows),
        periods_due=len(periods),
        reported=sum(1 for p in periods if p.reported_at is not None),
        overdue=sum(1 for p in periods if p.reported_at is None and p.due < cutoff),
        by_status=tuple((s.value, statuses.get(s.value, 0)) for s in ProgressStatus),
        training_events=TrainingEvent.objects.filter(date__year=year).count(),
        inspections=Inspection.objects.filter(date__year=year).count(),
        press_orders=PressOrder.objects.filter(
            period_start__year__lte=year, period_end__year__gte=year
        ).count(),
    )
