"""Due periods from a task's schedule (pure: dates in, periods out).

- continuous → the plan's reporting periods (yearly, half-yearly or quarterly, each due on the
  plan's report day: "Định kỳ hàng năm (trước ngày 25/11)" gives 25/11 every year);
- from → the reporting periods after its start; range → the reporting periods inside it plus a
  last period ending on its end date;
- annual → one period per calendar year, due on the plan's report day of that year;
- semiannual, quarterly, monthly → calendar halves, quarters, months, due on their last day;
- once → one period due on its date (none when the plan gives no date).

Only periods whose due date lies in the plan's tracking window are kept.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)
CADENCE_MONTHS = {"annual": 12, "semiannual": 6, "quarterly": 3}


@dataclass(frozen=True, slots=True)
class ReportingRule:
    """When units report on continuous work: every ``cadence`` up to ``month``/``day``."""

    cadence: str = "annual"
    month: int = 11
    day: int = 25


@dataclass(frozen=True, slots=True)
class TaskSchedule:
    kind: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    due: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    label: str
    start: datetime.date
    end: datetime.date
    due: datetime.date


def _day(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def report_dates(rule: ReportingRule, year: int) -> list[tuple[str, datetime.date]]:
    """The reporting due dates of ``year`` with their labels ("2026", "H1/2026", "Q3/2026")."""
    step = CADENCE_MONTHS.get(rule.cadence, 12)
    months = sorted({(rule.month - 1 - i * step) % 12 + 1 for i in range(12 // step)})
    dates = [_day(year, m, rule.day) for m in months]
    if step == 12:
        return [(str(year), dates[0])]
    prefix = "H" if step == 6 else "Q"
    return [(f"{prefix}{i}/{year}", d) for i, d in enumerate(dates, start=1)]


def reporting_periods(
    rule: ReportingRule, first: datetime.date, last: datetime.date
) -> list[PeriodSpec]:
    """Reporting periods due between ``first`` and ``last``; each starts the day after the
    previous due date."""
    dated = [
        item for year in range(first.year - 1, last.year + 2) for item in report_dates(rule, year)
    ]
    periods: list[PeriodSpec] = []
    for (_label, previous), (label, due) in itertools.pairwise(dated):
        if first <= due <= last:
            periods.append(PeriodSpec(label, previous + ONE_DAY, due, due))
    return periods


def _calendar_periods(kind: str, first: datetime.date, last: datetime.date) -> list[PeriodSpec]:
    months = {"semiannual": 6, "quarterly": 3, "monthly": 1}[kind]
    periods: list[PeriodSpec] = []
    for year in range(first.year, last.year + 1):
        for index, month in enumerate(range(1, 13, months), start=1):
            start = datetime.date(year, month, 1)
            end = _day(year, month + months - 1, 31)
            if kind == "semiannual":
                label = f"H{index}/{year}"
            elif kind == "quarterly":
                label = f"Q{index}/{year}"
            else:
                label = f"{month:02d}/{year}"
            periods.append(PeriodSpec(label, start, end, end))
    return periods


def _annual(rule: ReportingRule, first: datetime.date, last: datetime.date) -> list[PeriodSpec]:
    return [
        PeriodSpec(str(year), datetime.date(year, 1, 1), due, due)
        for year in range(first.year, last.year + 1)
        for due in [_day(year, rule.month, rule.day)]
    ]


def _clip(period: PeriodSpec, start: datetime.date | None) -> PeriodSpec:
    if start is None or period.start >= start or start > period.end:
        return period
    return PeriodSpec(period.label, start, period.end, period.due)


def _span(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"


def _bounded(
    schedule: TaskSchedule, rule: ReportingRule, window: tuple[datetime.date, datetime.date]
) -> list[PeriodSpec]:
    """continuous, from and range: reporting periods inside the task's own span."""
    first = max(window[0], schedule.start) if schedule.start else window[0]
    last = min(window[1], schedule.end) if schedule.end else window[1]
    periods = [_clip(p, schedule.start) for p in reporting_periods(rule, first, last)]
    if (
        schedule.kind == "range"
        and schedule.end is not None
        and (not periods or periods[-1].due < schedule.end)
    ):
        begin = periods[-1].due + ONE_DAY if periods else (schedule.start or schedule.end)
        periods.append(PeriodSpec(_span(begin, schedule.end), begin, schedule.end, schedule.end))
    return periods


def compute_periods(
    schedule: TaskSchedule,
    rule: ReportingRule,
    window: tuple[datetime.date, datetime.date],
) -> list[PeriodSpec]:
    """The due periods of one task in the tracking ``window`` (inclusive)."""
    kind = schedule.kind
    if kind in ("continuous", "from", "range"):
        periods = _bounded(schedule, rule, window)
    elif kind == "annual":
        periods = _annual(rule, window[0], window[1])
    elif kind in ("semiannual", "quarterly", "monthly"):
        periods = _calendar_periods(kind, window[0], window[1])
    elif kind == "once" and schedule.due is not None:
        begin = min(schedule.start or window[0], schedule.due)
        periods = [PeriodSpec(f"{schedule.due:%d/%m/%Y}", begin, schedule.due, schedule.due)]
    else:
        periods = []
    if kind in ("annual", "semiannual", "quarterly", "monthly"):
        periods = [
            p
            for p in periods
            if (schedule.start is None or p.end >= schedule.start)
            and (schedule.end is None or p.start <= schedule.end)
        ]
    return [p for p in periods if window[0] <= p.due <= window[1]]
