"""Write use-cases of cases: open, assign, answer. Each runs in one transaction and goes
through :func:`cases.workflow.transition` for every state change."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Sector, Unit
from cases import deadlines, notifications
from cases.choices import AssignmentState, CaseState, IntakeKind, Urgency
from cases.models import Assignment, Case
from cases.workflow import record, transition
from core.context import acting
from monitoring.models import Article


@dataclass(frozen=True)
class Intake:
    """What a new case starts from."""

    title: str
    intake_kind: str = IntakeKind.MANUAL
    summary: str = ""
    sector: Sector | None = None
    urgency: str = Urgency.NORMAL
    articles: Sequence[Article] = ()
    subjects: dict[str, Any] = field(default_factory=dict)  # press_agency, general_site, …
    subject_text: str = ""
    persons: Sequence[str] = ()
    source_kind: str = ""
    source_id: str = ""
    source_label: str = ""
    reported_by_unit: Unit | None = None


SUBJECT_FIELDS = ("press_agency", "general_site", "social_account", "reporter")


def open_case(intake: Intake, actor: Any) -> Case:
    """Create the case with the next number of the year and its first timeline entry."""
    year = timezone.localdate().year
    for _attempt in range(5):
        try:
            with transaction.atomic(), acting(user=actor, comment="opened"):
                top = Case.objects.filter(year=year).aggregate(top=Max("sequence"))["top"]
                case = Case.objects.create(
                    year=year,
                    sequence=(top or 0) + 1,
                    title=intake.title,
                    summary=intake.summary,
                    intake_kind=intake.intake_kind,
                    sector=intake.sector,
                    urgency=intake.urgency,
                    opened_by=actor if getattr(actor, "pk", None) else None,
                    subject_text=intake.subject_text,
                    persons=list(intake.persons),
                    source_kind=intake.source_kind,
                    source_id=intake.source_id,
                    source_label=intake.source_label,
                    reported_by_unit=intake.reported_by_unit,
                    **{k: v for k, v in intake.subjects.items() if k in SUBJECT_FIELDS},
                )
                if intake.articles:
                    case.articles.add(*intake.articles)
                record(case, actor, "opened", intake.source_label)
                return case
        except IntegrityError:
            continue  # another case took the number: take the next one
    raise RuntimeError("could not number the case")


def assign(
    case: Case,
    actor: Any,
    units: Iterable[Unit],
    *,
    due_date: datetime.date | None = None,
    instructions: str = "",
    comment: str = "",
) -> list[Assignment]:
    """Route the case to ``units`` (one assignment each) and move it to "assigned"."""
    today = timezone.localdate()
    rule = deadlines.rule_for(case)
    due = due_date or deadlines.due_date_for(case, today)
    created: list[Assignment] = []
    with transaction.atomic(), acting(user=actor, comment=comment or "assigned"):
        if case.state == CaseState.RECEIVED:
            transition(case, CaseState.TRIAGED, actor, comment)
        for unit in units:
            assignment, was_created = Assignment.objects.get_or_create(
                case=case,
                unit=unit,
                defaults={
                    "due_date": due,
                    "rule": rule if rule.pk else None,
                    "instructions": instructions,
                    "assigned_by": actor,
                },
            )
            if not was_created and assignment.state != AssignmentState.WITHDRAWN:
                continue
            if not was_created:  # a withdrawn assignment is given again
                assignment.state = AssignmentState.PENDING
                assignment.due_date = due
                assignment.instructions = instructions
                assignment.save()
            record(case, actor, "assigned", f"{unit} — {due:%d/%m/%Y}", unit_id=unit.pk)
            created.append(assignment)
        if created and case.state in (CaseState.TRIAGED, CaseState.RESPONDED):
            transition(case, CaseState.ASSIGNED, actor, comment or "assigned")
    for assignment in created:
        notifications.assignment_created(assignment)
    return created


def start_verifying(assignment: Assignment, actor: Any) -> None:
    """The unit says it is checking the facts."""
    with transaction.atomic(), acting(user=actor):
        if assignment.state == AssignmentState.PENDING:
            assignment.state = AssignmentState.VERIFYING
            assignment.save()
        case = assignment.case
        if case.state == CaseState.ASSIGNED:
            transition(case, CaseState.VERIFYING, actor, "verifying")


@dataclass(frozen=True)
class Answer:
    verification_result: str
    response_text: str
    response_published: bool = False
    response_url: str = ""
    correction_requested: bool = False
    removal_requested: bool = False


def respond(assignment: Assignment, actor: Any, answer: Answer) -> Assignment:
    """Record the unit's answer; when every unit has answered the case moves to "responded"."""
    with transaction.atomic(), acting(user=actor, comment="answer"):
        assignment.verification_result = answer.verification_result
        assignment.response_text = answer.response_text
        assignment.response_published = answer.response_published
        assignment.response_url = answer.response_url
        assignment.correction_requested = answer.correction_requested
        assignment.removal_requested = answer.removal_requested
        assignment.state = AssignmentState.RESPONDED
        assignment.responded_at = timezone.now()
        assignment.responded_by = actor
        assignment.save()
        case = assignment.case
        record(case, actor, "answered", answer.response_text[:500], unit_id=assignment.unit_id)
        pending = case.assignments.filter(
            state__in=[AssignmentState.PENDING, AssignmentState.VERIFYING]
        ).exists()
        if case.state == CaseState.ASSIGNED:
            transition(case, CaseState.VERIFYING, actor, "verifying")
        if not pending and case.state == CaseState.VERIFYING:
            transition(case, CaseState.RESPONDED, actor, "all units answered")
    return assignment


def withdraw(assignment: Assignment, actor: Any, comment: str) -> None:
    """Take the case back from a unit (assigned by mistake)."""
    with transaction.atomic(), acting(user=actor, comment=comment):
        assignment.state = AssignmentState.WITHDRAWN
        assignment.save()
        record(assignment.case, actor, "withdrawn", comment, unit_id=assignment.unit_id)


#: What the edit page may change after the case is opened (the state never: see workflow).
EDITABLE_FIELDS = (
    "title",
    "summary",
    "sector",
    "urgency",
    *SUBJECT_FIELDS,
    "subject_text",
    "persons",
)


class CaseClosedError(Exception):
    """A case in a final state (closed, rejected, referred) is not edited."""


def edit_case(
    case: Case,
    actor: Any,
    changes: dict[str, Any],
    articles: Iterable[Article] | None = None,
    comment: str = "",
) -> list[str]:
    """Change the case's description, subjects and linked articles; return what changed.

    Refused for a case in a final state (the workflow table has no step out of one). Every
    change is in the audit trail (field changes and the article links, under ``actor`` with
    ``comment``) and, as one "edited" entry, on the timeline.
    """
    with transaction.atomic(), acting(user=actor, comment=comment or "edited"):
        current = Case.objects.select_for_update().get(pk=case.pk)
        if not current.is_open:
            raise CaseClosedError(f"case {current.number} is {current.state}")
        changed = []
        for name in EDITABLE_FIELDS:
            if name not in changes:
                continue
            value = list(changes[name]) if name == "persons" else changes[name]
            if getattr(current, name) != value:
                setattr(current, name, value)
                changed.append(name)
        if changed:
            current.save()
        if articles is not None and _relink(current, articles):
            changed.append("articles")
        if changed:
            note = ", ".join(changed)
            record(current, actor, "edited", f"{note}: {comment}" if comment else note)
    case.refresh_from_db()
    return changed


def _relink(case: Case, articles: Iterable[Article]) -> bool:
    """Link exactly ``articles`` (each add and remove is logged); True when links changed."""
    wanted = {a.pk for a in articles}
    linked = set(case.articles.values_list("pk", flat=True))
    if wanted - linked:
        case.articles.add(*(wanted - linked))
    if linked - wanted:
        case.articles.remove(*(linked - wanted))
    return wanted != linked


def report_article(actor: Any, url: str, title: str, note: str) -> Case:
    """A unit's liaison reports an article about its field (plan task 5.2).

    The case starts "received" with intake "unit report", the reporting unit sees it (see
    ``Case.scope_for_unit``), the office is told by e-mail, and the page is captured as
    evidence in the background.
    """
    from cases import evidence_store  # evidence_store imports the workflow, as services does

    unit = Unit.objects.get(pk=actor.unit_id)
    sector = Sector.objects.filter(responsible_unit=unit).order_by("position").first()
    intake = Intake(
        title=title or url,
        intake_kind=IntakeKind.UNIT_REPORT,
        summary=note,
        sector=sector,
        source_kind="unit_report",
        source_id=str(unit.pk),
        source_label=url,
        reported_by_unit=unit,
    )
    with transaction.atomic():
        case = open_case(intake, actor)
        evidence_store.request_capture(case, actor, url, note="")
    notifications.unit_report(case)
    return case
