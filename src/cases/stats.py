"""Figures for reports (the reports app calls these): cases opened in a date range by intake,
sector, unit and state; overdue assignments; mean time to answer; sanctions and fines.

Every function takes the range as dates (inclusive, local time) and returns plain dicts.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from cases.choices import AssignmentState, SanctionStatus
from cases.models import Assignment, Case, SanctionDecision

OPEN = (AssignmentState.PENDING, AssignmentState.VERIFYING)


def _bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return low, high


def cases_opened(start: datetime.date, end: datetime.date) -> QuerySet[Case]:
    low, high = _bounds(start, end)
    return Case.objects.filter(created_at__gte=low, created_at__lt=high)


def _count_by(queryset: QuerySet[Any], field: str) -> dict[str, int]:
    rows = queryset.values_list(field).annotate(n=Count("pk", distinct=True)).order_by(field)
    return {str(key) if key is not None else "": n for key, n in rows}


def by_intake(start: datetime.date, end: datetime.date) -> dict[str, int]:
    return _count_by(cases_opened(start, end), "intake_kind")


def by_sector(start: datetime.date, end: datetime.date) -> dict[str, int]:
    return _count_by(cases_opened(start, end), "sector_id")


def by_state(start: datetime.date, end: datetime.date) -> dict[str, int]:
    return _count_by(cases_opened(start, end), "state")


def by_unit(start: datetime.date, end: datetime.date) -> dict[str, dict[str, int]]:
    """Per unit name: assignments received in the range, answered, answered late, open late."""
    low, high = _bounds(start, end)
    today = timezone.localdate()
    result: dict[str, dict[str, int]] = {}
    rows = Assignment.objects.filter(created_at__gte=low, created_at__lt=high).select_related(
        "unit"
    )
    for a in rows:
        entry = result.setdefault(
            a.unit.name, {"assigned": 0, "answered": 0, "answered_late": 0, "overdue": 0}
        )
        entry["assigned"] += 1
        if a.responded_at is not None:
            entry["answered"] += 1
            if timezone.localtime(a.responded_at).date() > a.due_date:
                entry["answered_late"] += 1
        elif a.state in OPEN and a.due_date < today:
            entry["overdue"] += 1
    return result


def overdue(on: datetime.date | None = None) -> dict[str, Any]:
    """Open assignments past their due date on ``on`` (today by default)."""
    on = on or timezone.localdate()
    late = Assignment.objects.filter(state__in=OPEN, due_date__lt=on).select_related("unit", "case")
    return {
        "count": late.count(),
        "cases": late.values("case_id").distinct().count(),
        "by_unit": _count_by(late, "unit__name"),
    }


def mean_days_to_respond(start: datetime.date, end: datetime.date) -> float | None:
    """Mean days from assignment to answer, over answers given in the range."""
    low, high = _bounds(start, end)
    answered = Assignment.objects.filter(responded_at__gte=low, responded_at__lt=high)
    spans = [(a.responded_at - a.created_at).total_seconds() for a in answered if a.responded_at]
    if not spans:
        return None
    return round(sum(spans) / len(spans) / 86400, 2)


def sanctions(start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Approved sanctions whose decision date is in the range: count and total fines (VND)."""
    decided = SanctionDecision.objects.filter(
        status=SanctionStatus.APPROVED, decision_date__gte=start, decision_date__lte=end
    )
    totals = decided.aggregate(count=Count("pk"), fines=Sum("amount"))
    return {
        "count": totals["count"] or 0,
        "fines_total": int(totals["fines"] or 0),
        "by_decree": _count_by(decided, "rule__decree"),
    }


def summary(start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Everything above for one period (what a report needs)."""
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "opened": cases_opened(start, end).count(),
        "by_intake": by_intake(start, end),
        "by_sector": by_sector(start, end),
        "by_state": by_state(start, end),
        "by_unit": by_unit(start, end),
        "overdue": overdue(min(end, timezone.localdate())),
        "mean_days_to_respond": mean_days_to_respond(start, end),
        "sanctions": sanctions(start, end),
    }
