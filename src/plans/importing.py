"""From the parser's plan (DECISIONS §5) to the database, in one transaction (all or nothing).

:func:`build_preview` reads the units and decides everything without writing: unit matches
(``plans.matching``), names left to the office, the reporting rule, the tracking window and the
periods that will exist. :func:`import_plan` writes exactly that preview, or nothing.

A file is imported once: the same content (SHA-256) or the same number and date is refused with
:class:`DuplicatePlanError` unless ``replace`` is set; replacing deletes the earlier import,
which is refused while units have reported on it (close that plan instead).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from accounts.models import Unit
from core.text import fold_diacritics
from plans import parsing
from plans.choices import PlanStatus, ReportCadence, UnitRole
from plans.matching import UnitCandidate, UnitMatch, UnitMatcher
from plans.models import Plan, PlanTask, ProgressReport, ReportingDuty, TaskUnit, UnmatchedUnitName
from plans.periods import ReportingRule, TaskSchedule, compute_periods
from plans.services import sync_periods

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})/(\d{1,2})\b(?!/\d)")
DEFAULT_RULE = ReportingRule("annual", 12, 15)


class PlanImportError(Exception):
    """The plan cannot be imported; the message is one line for the user."""


class DuplicatePlanError(PlanImportError):
    def __init__(self, existing: Plan) -> None:
        super().__init__(
            f"this plan was imported already (plan #{existing.pk}: {existing}); "
            "use --replace (or 'Replace') to import it again"
        )
        self.existing = existing


class ReplaceRefusedError(PlanImportError):
    pass


# --- preview --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TaskPreview:
    task: parsing.Task
    lead: tuple[UnitMatch, ...]
    coordinating: tuple[UnitMatch, ...]
    periods: int


@dataclass(frozen=True, slots=True)
class UnmatchedPreview:
    raw: str
    occurrences: tuple[tuple[str, str], ...]  # (task code, role)
    is_collective: bool
    candidate_id: int | None
    score: float


@dataclass(frozen=True)
class ImportPreview:
    plan: parsing.Plan
    source_name: str
    sha256: str
    reference: datetime.date
    rule: ReportingRule
    window: tuple[datetime.date, datetime.date]
    tasks: tuple[TaskPreview, ...]
    unmatched: tuple[UnmatchedPreview, ...]
    unit_names: dict[int, str] = field(default_factory=dict)
    duplicate: Plan | None = None

    @property
    def matched_names(self) -> int:
        return len({m.raw for t in self.tasks for m in (*t.lead, *t.coordinating) if m.matched})

    @property
    def period_count(self) -> int:
        return sum(t.periods for t in self.tasks)

    @property
    def matched_units(self) -> int:
        ids = {uid for t in self.tasks for m in (*t.lead, *t.coordinating) for uid in _ids(m)}
        return len(ids)

    def summary(self) -> dict[str, Any]:
        return {
            "title": self.plan.title,
            "number": self.plan.number,
            "date": self.plan.date.isoformat() if self.plan.date else None,
            "reference_date": self.reference.isoformat(),
            "tasks": len(self.tasks),
            "matched_names": self.matched_names,
            "matched_units": self.matched_units,
            "unmatched_names": [u.raw for u in self.unmatched],
            "periods": self.period_count,
            "reporting": f"{self.rule.cadence} {self.rule.day:02d}/{self.rule.month:02d}",
            "window": [self.window[0].isoformat(), self.window[1].isoformat()],
        }


def _ids(match: UnitMatch) -> tuple[int, ...]:
    return match.expanded if match.is_collective else tuple(filter(None, [match.current_id]))


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def reference_date(plan: parsing.Plan, today: datetime.date) -> datetime.date:
    """The plan's date; without one, the latest date of its legal bases; else ``today``."""
    if plan.date is not None:
        return plan.date
    found = []
    for text in plan.legal_bases:
        for day, month, year in _DATE.findall(text):
            try:
                found.append(datetime.date(int(year), int(month), int(day)))
            except ValueError:
                continue
    return max(found) if found else today


def reporting_rule(plan: parsing.Plan) -> ReportingRule:
    """The cadence and day of the plan's periodic reporting ("Định kỳ hàng năm (trước ngày
    25/11)" → yearly on 25/11); 15/12 yearly when the plan states none."""
    for duty in plan.reporting:
        text = duty.due_rule or duty.raw
        found = _DAY_MONTH.search(text)
        if found is None:
            continue
        day, month = int(found.group(1)), int(found.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        folded = fold_diacritics(text)
        if "6 thang" in folded or "nua nam" in folded:
            cadence = ReportCadence.SEMIANNUAL
        elif "quy" in folded.split():
            cadence = ReportCadence.QUARTERLY
        else:
            cadence = ReportCadence.ANNUAL
        return ReportingRule(str(cadence), month, day)
    return DEFAULT_RULE


def tracking_window(
    plan_date: datetime.date | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """From the plan's date (not before 1 January of this year) to the end of next year."""
    start = datetime.date(today.year, 1, 1)
    if plan_date is not None and plan_date > start:
        start = plan_date
    return start, datetime.date(start.year + 1, 12, 31)


def load_candidates() -> list[UnitCandidate]:
    return [
        UnitCandidate(
            id=u.pk,
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(u.aliases or ()),
            kind=u.kind,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
            successor_id=u.press_successor_id or u.successor_id,
        )
        for u in Unit.objects.order_by("pk")
    ]


def find_duplicate(plan: parsing.Plan, sha256: str) -> Plan | None:
    same = Q(source_sha256=sha256)
    if plan.number and plan.date:
        same |= Q(number=plan.number, date=plan.date)
    return Plan.objects.filter(same).first()


def build_preview(
    plan: parsing.Plan, *, source_name: str, sha256: str, today: datetime.date
) -> ImportPreview:
    """Everything the import will do, computed without writing."""
    reference = reference_date(plan, today)
    rule = reporting_rule(plan)
    window = tracking_window(plan.date, today)
    candidates = load_candidates()
    matcher = UnitMatcher(candidates, reference, today)
    cache: dict[str, UnitMatch] = {}

    def match(name: str) -> UnitMatch:
        if name not in cache:
            cache[name] = matcher.match(name)
        return cache[name]

    tasks: list[TaskPreview] = []
    for task in plan.tasks:
        lead = tuple(match(n) for n in task.lead_units)
        coordinating = tuple(match(n) for n in task.coordinating_units)
        schedule = TaskSchedule(
            task.schedule.kind, task.schedule.start, task.schedule.end, task.schedule.due
        )
        lead_ids = {uid for m in lead for uid in _ids(m)}
        count = len(compute_periods(schedule, rule, window)) * len(lead_ids)
        tasks.append(TaskPreview(task, lead, coordinating, count))
    return ImportPreview(
        plan=plan,
        source_name=source_name,
        sha256=sha256,
        reference=reference,
        rule=rule,
        window=window,
        tasks=tuple(tasks),
        unmatched=_unmatched(tasks),
        unit_names={c.id: c.name for c in candidates},
        duplicate=find_duplicate(plan, sha256),
    )


def _unmatched(tasks: Iterable[TaskPreview]) -> tuple[UnmatchedPreview, ...]:
    found: dict[str, tuple[UnitMatch, list[tuple[str, str]]]] = {}
    for item in tasks:
        for role, matches in (
            (UnitRole.LEAD, item.lead),
            (UnitRole.COORDINATING, item.coordinating),
        ):
            for m in matches:
                if not m.matched:
                    found.setdefault(m.raw, (m, []))[1].append((item.task.code, str(role)))
    return tuple(
        UnmatchedPreview(raw, tuple(where), m.is_collective, m.candidate_id, m.score)
        for raw, (m, where) in found.items()
    )


# --- import ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: Plan
    tasks: int
    task_units: int
    unmatched: int
    periods: int


def import_plan(
    preview: ImportPreview,
    *,
    user: Any = None,
    content: bytes | None = None,
    replace: bool = False,
) -> ImportResult:
    """Write ``preview`` in one transaction: the plan, tasks, units, names, duties, periods."""
    with transaction.atomic():
        existing = find_duplicate(preview.plan, preview.sha256)
        if existing is not None:
            if not replace:
                raise DuplicatePlanError(existing)
            _delete_for_replace(existing)
        plan = _create_plan(preview, user, content)
        tasks = _create_tasks(plan, preview)
        links = _create_task_units(tasks, preview)
        for item in preview.unmatched:
            UnmatchedUnitName.objects.create(
                plan=plan,
                raw_name=item.raw,
                occurrences=[{"task": code, "role": role} for code, role in item.occurrences],
                is_collective=item.is_collective,
                suggested_unit_id=item.candidate_id,
                suggested_score=item.score,
            )
        _create_duties(plan, preview)
        periods = sync_periods(plan)
    return ImportResult(plan, len(tasks), links, len(preview.unmatched), periods)


def _delete_for_replace(existing: Plan) -> None:
    if ProgressReport.objects.filter(period__task__plan=existing).exists():
        raise ReplaceRefusedError(
            f"plan #{existing.pk} already has progress reports; close it instead of replacing it"
        )
    existing.delete()


def _create_plan(preview: ImportPreview, user: Any, content: bytes | None) -> Plan:
    parsed = preview.plan
    plan = Plan(
        title=parsed.title or preview.source_name,
        issuer=parsed.issuer,
        number=parsed.number or "",
        date=parsed.date,
        reference_date=preview.reference,
        legal_bases=list(parsed.legal_bases),
        source_name=preview.source_name,
        source_sha256=preview.sha256,
        raw_schema=parsing.plan_to_dict(parsed),
        status=PlanStatus.ACTIVE,
        imported_by=user if getattr(user, "pk", None) else None,
        report_cadence=preview.rule.cadence,
        report_month=preview.rule.month,
        report_day=preview.rule.day,
        track_from=preview.window[0],
        track_to=preview.window[1],
    )
    if content is not None:
        plan.source_file.save(_safe_name(preview), ContentFile(content), save=False)
    plan.save()
    return plan


def _safe_name(preview: ImportPreview) -> str:
    suffix = preview.source_name.rsplit(".", 1)[-1].lower() if "." in preview.source_name else "txt"
    return f"{preview.sha256[:16]}.{suffix if suffix in {'txt', 'md', 'docx'} else 'txt'}"


def _create_tasks(plan: Plan, preview: ImportPreview) -> dict[str, PlanTask]:
    tasks: dict[str, PlanTask] = {}
    for order, item in enumerate(preview.tasks, start=1):
        task, schedule = item.task, item.task.schedule
        tasks[task.code] = PlanTask.objects.create(
            plan=plan,
            code=task.code,
            title=task.title,
            parent=tasks.get(task.parent) if task.parent else None,
            order=order,
            lead_names=list(task.lead_units),
            coordinating_names=list(task.coordinating_units),
            schedule_kind=str(schedule.kind),
            schedule_start=schedule.start,
            schedule_end=schedule.end,
            schedule_due=schedule.due,
            min_per_year=schedule.min_per_year,
            schedule_raw=schedule.raw,
        )
    return tasks


def _create_task_units(tasks: dict[str, PlanTask], preview: ImportPreview) -> int:
    count = 0
    for item in preview.tasks:
        task = tasks[item.task.code]
        seen: set[tuple[int, str]] = set()
        for role, matches in (
            (UnitRole.LEAD, item.lead),
            (UnitRole.COORDINATING, item.coordinating),
        ):
            # named units first, so a unit both named and in a collective keeps its own name
            for m in sorted(matches, key=lambda m: m.is_collective):
                for unit_id in _ids(m):
                    if (unit_id, role) in seen:
                        continue
                    seen.add((unit_id, role))
                    TaskUnit.objects.create(
                        task=task,
                        unit_id=unit_id,
                        named_unit_id=m.named_id,
                        role=role,
                        name_as_written=m.raw,
                        method=m.method,
                        score=m.score,
                    )
                    count += 1
    return count


def _create_duties(plan: Plan, preview: ImportPreview) -> None:
    for order, duty in enumerate(preview.plan.reporting, start=1):
        ReportingDuty.objects.create(
            plan=plan,
            what=duty.what,
            who=duty.who,
            due_rule=duty.due_rule,
            raw=duty.raw,
            next_due=next_due(duty.due_rule or duty.raw, preview.window[0]),
            order=order,
        )


def next_due(text: str, today: datetime.date) -> datetime.date | None:
    """The next date a due rule names: a full date as written, or day/month on or after today."""
    full = _DATE.search(text)
    if full is not None:
        try:
            return datetime.date(int(full.group(3)), int(full.group(2)), int(full.group(1)))
        except ValueError:
            return None
    short = _DAY_MONTH.search(text)
    if short is None:
        return None
    day, month = int(short.group(1)), int(short.group(2))
    for year in (today.year, today.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None
