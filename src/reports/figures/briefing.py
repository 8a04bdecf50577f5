"""Figures of the monthly press briefing report (giao ban báo chí; domain.md §5, implication 10).

Outlets and articles about the province (own and outside press, other sources), tone shares,
top issues by sector and locality, letters sent, cases opened / resolved / overdue, sanctions,
registry changes of representative offices and resident reporters, spokesperson gaps and the
findings confirmed in the period.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Sector, Unit
from analysis import runtime
from cases import stats
from cases.choices import CaseState
from cases.models import Case, Letter
from core.models import ObjectChange
from core.models.changelog import ChangeAction
from findings.choices import FindingStatus
from findings.models import Finding
from registry.checks import units_without_spokesperson
from registry.choices import RecordStatus
from registry.models import Notice, RepresentativeOffice, ResidentReporter
from reports.figures.articles import (
    GROUPS,
    ArticleFilter,
    examples,
    group_counts,
    locality_counts,
    per_day,
    sector_counts,
    tone_counts,
)
from reports.figures.common import ArticleRef, DayCount, Issue, ToneShare, tone_shares
from reports.periods import Period

TOP = 5
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class OutletGroup:
    group: str  # own, outside, other
    outlets: int
    articles: int


@dataclass(frozen=True, slots=True)
class CaseFigures:
    opened: int
    resolved: int
    overdue_assignments: int
    overdue_cases: int
    overdue_by_unit: tuple[tuple[str, int], ...]
    mean_days_to_respond: float | None


@dataclass(frozen=True, slots=True)
class SanctionFigures:
    count: int
    fines_total: int
    by_decree: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class RegistryChange:
    record: str  # "office" or "reporter"
    action: str  # added, changed, ended
    name: str
    day: datetime.date


@dataclass(frozen=True, slots=True)
class Briefing:
    period: Period
    articles: int
    outlets: int
    groups: tuple[OutletGroup, ...]
    tones: tuple[ToneShare, ...]
    sectors: tuple[Issue, ...]
    localities: tuple[Issue, ...]
    days: tuple[DayCount, ...]
    letters_sent: int
    letters_by_kind: tuple[tuple[str, int], ...]
    cases: CaseFigures
    sanctions: SanctionFigures
    registry_changes: tuple[RegistryChange, ...]
    notices: int
    spokesperson_gaps: tuple[str, ...]
    findings_confirmed: int
    findings_by_detector: tuple[tuple[str, int], ...]

    def tone(self, label: str) -> ToneShare:
        return next(share for share in self.tones if share.tone == label)

    def group(self, key: str) -> OutletGroup:
        return next(group for group in self.groups if group.group == key)


def _issues(
    rows: list[tuple[str, int, int]], names: dict[str, str], filters: list[ArticleFilter]
) -> tuple[Issue, ...]:
    return tuple(
        Issue(
            code,
            names.get(code, code),
            n,
            neg,
            tuple(ArticleRef.of(v) for v in examples(flt.analyses(), EXAMPLES)),
        )
        for (code, n, neg), flt in zip(rows, filters, strict=True)
    )


def _cases(period: Period) -> CaseFigures:
    low, high = period.bounds()
    on = min(period.end, timezone.localdate())
    late = stats.overdue(on)
    closed = Case.objects.filter(state=CaseState.CLOSED, closed_at__gte=low, closed_at__lt=high)
    by_unit = sorted(late["by_unit"].items(), key=lambda item: (-item[1], item[0]))
    return CaseFigures(
        opened=stats.cases_opened(period.start, period.end).count(),
        resolved=closed.count(),
        overdue_assignments=int(late["count"]),
        overdue_cases=int(late["cases"]),
        overdue_by_unit=tuple(by_unit),
        mean_days_to_respond=stats.mean_days_to_respond(period.start, period.end),
    )


def _sanctions(period: Period) -> SanctionFigures:
    found = stats.sanctions(period.start, period.end)
    return SanctionFigures(
        count=int(found["count"]),
        fines_total=int(found["fines_total"]),
        by_decree=tuple(sorted(found["by_decree"].items())),
    )


def _ended(change: ObjectChange) -> bool:
    before, after = change.prechange or {}, change.postchange or {}
    was_active = before.get("status") == RecordStatus.ACTIVE and not before.get("ended_on")
    now_ended = after.get("status") in (RecordStatus.CLOSED, RecordStatus.SUSPENDED) or bool(
        after.get("ended_on")
    )
    return was_active and now_ended


def registry_changes(period: Period) -> tuple[RegistryChange, ...]:
    """Offices and reporters added, changed or ended in the period, from the audit trail.

    One line per record and action (the last change of that kind wins its date); a record
    deleted counts as ended.
    """
    low, high = period.bounds()
    kinds = {
        ContentType.objects.get_for_model(RepresentativeOffice).pk: "office",
        ContentType.objects.get_for_model(ResidentReporter).pk: "reporter",
    }
    changes = ObjectChange.objects.filter(
        content_type_id__in=list(kinds), time__gte=low, time__lt=high
    ).order_by("time", "pk")
    found: dict[tuple[str, str, str], RegistryChange] = {}
    for change in changes.iterator():
        record = kinds[change.content_type_id]
        if change.action == ChangeAction.CREATE:
            action = "added"
        elif change.action == ChangeAction.DELETE or _ended(change):
            action = "ended"
        else:
            action = "changed"
        key = (record, change.object_id, action)
        day = timezone.localtime(change.time).date()
        found[key] = RegistryChange(record, action, change.object_repr, day)
    added = {(r, o) for r, o, a in found if a == "added"}
    # a record added in the period is reported once, as added
    kept = [c for (r, o, a), c in found.items() if a == "added" or (r, o) not in added]
    order = {"added": 0, "changed": 1, "ended": 2}
    return tuple(sorted(kept, key=lambda c: (order[c.action], c.record, c.day, c.name)))


def briefing(period: Period) -> Briefing:
    base = ArticleFilter(period)
    rows = base.analyses()
    groups = group_counts(rows)
    sector_rows = sector_counts(rows, TOP)
    locality_rows = locality_counts(rows, TOP)
    sector_names = dict(Sector.objects.values_list("code", "name"))
    place_names = {code: runtime.place_name(code) for code, _n, _neg in locality_rows}
    letters = Letter.objects.filter(date__gte=period.start, date__lte=period.end)
    letter_kinds = letters.order_by().values_list("kind").annotate(n=Count("pk")).order_by("kind")
    low, high = period.bounds()
    confirmed = Finding.objects.filter(
        status=FindingStatus.CONFIRMED, reviewed_at__gte=low, reviewed_at__lt=high
    )
    detectors = Counter(dict(confirmed.order_by().values_list("detector").annotate(n=Count("pk"))))
    notices = Notice.objects.filter(
        Q(effective_on__gte=period.start, effective_on__lte=period.end)
        | Q(sent_on__gte=period.start, sent_on__lte=period.end)
    )
    gaps = units_without_spokesperson(period.end, Unit.objects.all())
    return Briefing(
        period=period,
        articles=sum(g.articles for g in groups.values()),
        outlets=sum(g.outlets for g in groups.values()),
        groups=tuple(OutletGroup(g, groups[g].outlets, groups[g].articles) for g in GROUPS),
        tones=tone_shares(tone_counts(rows)),
        sectors=_issues(
            sector_rows, sector_names, [ArticleFilter(period, sector=c) for c, *_ in sector_rows]
        ),
        localities=_issues(
            locality_rows,
            place_names,
            [ArticleFilter(period, locality=c) for c, *_ in locality_rows],
        ),
        days=tuple(
            DayCount(day, t["positive"], t["neutral"], t["negative"])
            for day, t in per_day(rows, period)
        ),
        letters_sent=letters.count(),
        letters_by_kind=tuple((str(kind), n) for kind, n in letter_kinds),
        cases=_cases(period),
        sanctions=_sanctions(period),
        registry_changes=registry_changes(period),
        notices=notices.count(),
        spokesperson_gaps=tuple(unit.name for unit in gaps),
        findings_confirmed=confirmed.count(),
        findings_by_detector=tuple(sorted(detectors.items())),
    )
