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
