"""Figures of the leaders' page: today and this month at a glance, each with the address of the
list behind it (the existing list pages' filters, or the reports article list)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import Sector
from analysis import runtime
from cases.choices import FINAL_STATES, AssignmentState
from cases.models import Assignment, Case
from findings.choices import FindingStatus
from findings.models import Finding
from plans.choices import PlanStatus
from plans.models import TaskPeriod
from registry.checks import list_findings
from registry.legal import FindingKind, Severity
from reports import periods
from reports.figures.articles import TONES, ArticleFilter, per_day, sector_counts, tone_counts
from reports.figures.articles import locality_counts as _locality_counts
from reports.figures.common import DayCount

TOP = 5
OPEN_ASSIGNMENT = (AssignmentState.PENDING, AssignmentState.VERIFYING)
#: Registry alerts look this many days ahead (the compliance page's shortest window).
REGISTRY_WINDOW = 30


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: int
    url: str


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: str
    open: Figure
    overdue: Figure


@dataclass(frozen=True, slots=True)
class Glance:
    today: datetime.date
    tones_today: tuple[Figure, ...]
    tones_month: tuple[Figure, ...]
    total_today: Figure
    total_month: Figure
    days: tuple[DayCount, ...]
    sectors: tuple[tuple[Figure, int], ...]  # (figure, negative)
    localities: tuple[tuple[Figure, int], ...]
    open_cases: Figure
    overdue_cases: Figure
    units: tuple[UnitRow, ...]
    findings_proposed: Figure
    periods_month: Figure
    periods_overdue: Figure
    registry: tuple[Figure, ...]
    registry_bad: int


def _url(name: str, **query: object) -> str:
    base = reverse(name)
    params = {k: str(v) for k, v in query.items() if v not in ("", None)}
    return f"{base}?{urlencode(params)}" if params else base


def articles_url(filter_: ArticleFilter) -> str:
    return _url("reports:articles", **filter_.query())


def _tones(period: periods.Period) -> tuple[tuple[Figure, ...], Figure]:
    counts = tone_counts(ArticleFilter(period).analyses())
    figures = tuple(
        Figure(str(tone.label), counts[str(tone)], articles_url(ArticleFilter(period, tone=tone)))
        for tone in TONES
    )
    total = Figure("", sum(counts.values()), articles_url(ArticleFilter(period)))
    return figures, total


def _units(today: datetime.date) -> tuple[UnitRow, ...]:
    open_rows = (
        Assignment.objects.filter(state__in=OPEN_ASSIGNMENT)
        .values_list("unit_id", "unit__name")
        .annotate(n=Count("case", distinct=True))
    )
    late = Counter(
        dict(
            Assignment.objects.filter(state__in=OPEN_ASSIGNMENT, due_date__lt=today)
            .values_list("unit_id")
            .annotate(n=Count("case", distinct=True))
        )
    )
    rows = [
        UnitRow(
            name,
            Figure("", n, _url("cases:case_list", unit=unit_id)),
            Figure("", late.get(unit_id, 0), _url("cases:case_list", unit=unit_id, overdue=1)),
        )
        for unit_id, name, n in open_rows
    ]
    return tuple(sorted(rows, key=lambda r: (-r.overdue.value, -r.open.value, r.unit)))


def glance(today: datetime.date | None = None) -> Glance:
    today = today or timezone.localdate()
    day, month = periods.day(today), periods.this_month(today)
    tones_today, total_today = _tones(day)
    tones_month, total_month = _tones(month)
    rows = ArticleFilter(month).analyses()
    sector_names = dict(Sector.objects.values_list("code", "name"))
    sectors = tuple(
        (
            Figure(
                sector_names.get(code, code),
                n,
                articles_url(ArticleFilter(month, sector=code)),
            ),
            neg,
        )
        for code, n, neg in sector_counts(rows, TOP)
    )
    localities = tuple(
        (
            Figure(runtime.place_name(code), n, articles_url(ArticleFilter(month, locality=code))),
            neg,
        )
        for code, n, neg in _locality_counts(rows, TOP)
    )
    open_cases = Case.objects.exclude(state__in=FINAL_STATES).count()
    overdue_cases = (
        Assignment.objects.filter(state__in=OPEN_ASSIGNMENT, due_date__lt=today)
        .values("case_id")
        .distinct()
        .count()
    )
    unreported = TaskPeriod.objects.filter(
        task__plan__status=PlanStatus.ACTIVE, reported_at__isnull=True
    )
    registry = list_findings(today, REGISTRY_WINDOW)
    kinds = Counter(f.kind for f in registry)
    compliance = _url("registry:compliance", window=REGISTRY_WINDOW)
    return Glance(
        today=today,
        tones_today=tones_today,
        tones_month=tones_month,
        total_today=total_today,
        total_month=total_month,
        days=tuple(
            DayCount(d, t["positive"], t["neutral"], t["negative"]) for d, t in per_day(rows, month)
        ),
        sectors=sectors,
        localities=localities,
        open_cases=Figure("", open_cases, reverse("cases:case_list")),
        overdue_cases=Figure("", overdue_cases, _url("cases:case_list", overdue=1)),
        units=_units(today),
        findings_proposed=Figure(
            "",
            Finding.objects.filter(status=FindingStatus.PROPOSED).count(),
            _url("findings:finding_list", status=FindingStatus.PROPOSED),
        ),
        periods_month=Figure(
            "",
            unreported.filter(due__gte=today, due__lte=month.end).count(),
            _url("plans:period_list", when="month"),
        ),
        periods_overdue=Figure(
            "", unreported.filter(due__lt=today).count(), _url("plans:period_list", when="overdue")
        ),
        registry=tuple(
            Figure(str(kind.label), kinds[kind], f"{compliance}#{kind.value}")
            for kind in FindingKind
            if kinds[kind]
        ),
        registry_bad=sum(1 for f in registry if f.severity == Severity.BAD),
    )
