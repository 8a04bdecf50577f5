"""The case workflow as one table: which step may follow which, who may take it, what it needs.

Every state change of a case goes through :func:`transition`, which checks :data:`TRANSITIONS`,
writes the :class:`~cases.models.CaseEvent` of the timeline, stamps the time the step was reached
and saves the case under the actor with the comment (so the audit trail has both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.choices import AssignmentState, CaseState, SanctionStatus
from cases.models import Case, CaseEvent
from core.access import Capability, is_allowed, is_office
from core.context import acting

S = CaseState
MANAGE = frozenset({Capability.MANAGE_CASES})
DECIDE = frozenset({Capability.DECIDE_CASES})
UNIT_OR_OFFICE = frozenset({Capability.RESPOND_CASES, Capability.MANAGE_CASES})
CLOSE = frozenset({Capability.MANAGE_CASES, Capability.DECIDE_CASES})


class Guard(StrEnum):
    """A condition on the case's data that must hold for the step."""

    HAS_OPEN_ASSIGNMENT = "has_open_assignment"  # at least one unit still has to answer
    ALL_RESPONDED = "all_responded"  # every assignment answered (or withdrawn), at least one
    HAS_PROPOSAL = "has_proposal"  # a sanction is proposed and waiting for the leader
    PROPOSAL_APPROVED = "proposal_approved"  # the leader approved a sanction with its number
    HAS_PUBLICATION = "has_publication"  # the public text is written


@dataclass(frozen=True, slots=True)
class Transition:
    source: CaseState
    target: CaseState
    capabilities: frozenset[Capability]
    #: units (liaisons) may take it, but only on a case assigned to their own unit
    unit_scoped: bool = False
    guard: Guard | None = None
    #: keyword data (and "comment") that must be given and non-empty
    required: tuple[str, ...] = ()
    #: the Case field that records when this step was reached
    stamp: str | None = None
    #: the page that takes the step (with its data); None: a plain button with a comment
    via: str | None = None


T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    T(S.RECEIVED, S.TRIAGED, MANAGE, stamp="triaged_at"),
    T(S.RECEIVED, S.REJECTED, MANAGE, required=("comment",), stamp="closed_at"),
    T(S.RECEIVED, S.REFERRED, MANAGE, required=("comment", "referred_to"), stamp="closed_at"),
    T(
        S.TRIAGED,
        S.ASSIGNED,
        MANAGE,
        guard=Guard.HAS_OPEN_ASSIGNMENT,
        stamp="assigned_at",
        via="cases:assign",
    ),
    T(S.TRIAGED, S.REJECTED, MANAGE, required=("comment",), stamp="closed_at"),
    T(S.TRIAGED, S.REFERRED, MANAGE, required=("comment", "referred_to"), stamp="closed_at"),
    T(S.ASSIGNED, S.VERIFYING, UNIT_OR_OFFICE, unit_scoped=True),
    T(
        S.ASSIGNED,
        S.RESPONDED,
        UNIT_OR_OFFICE,
        unit_scoped=True,
        guard=Guard.ALL_RESPONDED,
        stamp="responded_at",
        via="cases:respond",
    ),
    T(
        S.VERIFYING,
        S.RESPONDED,
        UNIT_OR_OFFICE,
        unit_scoped=True,
        guard=Guard.ALL_RESPONDED,
        stamp="responded_at",
        via="cases:respond",
    ),
    T(S.ASSIGNED, S.REFERRED, MANAGE, required=("comment", "referred_to"), stamp="closed_at"),
    T(S.VERIFYING, S.REFERRED, MANAGE, required=("comment", "referred_to"), stamp="closed_at"),
    T(
        S.RESPONDED,
        S.ASSIGNED,
        MANAGE,
        guard=Guard.HAS_OPEN_ASSIGNMENT,
        required=("comment",),
        via="cases:assign",
    ),
    T(
        S.RESPONDED,
        S.SANCTION_PROPOSED,
        MANAGE,
        guard=Guard.HAS_PROPOSAL,
        via="cases:sanction_propose",
    ),
    T(
        S.SANCTION_PROPOSED,
        S.SANCTION_DECIDED,
        DECIDE,
        guard=Guard.PROPOSAL_APPROVED,
        required=("decision_number", "decision_date"),
        stamp="decided_at",
        via="cases:sanction_decide",
    ),
    T(
        S.SANCTION_PROPOSED,
        S.RESPONDED,
        DECIDE,
        required=("comment",),
        via="cases:sanction_decide",
    ),
    T(
        S.RESPONDED,
        S.PUBLISHED,
        DECIDE,
        guard=Guard.HAS_PUBLICATION,
        stamp="published_at",
        via="cases:publish",
    ),
    T(
        S.SANCTION_DECIDED,
        S.PUBLISHED,
        DECIDE,
        guard=Guard.HAS_PUBLICATION,
        stamp="published_at",
        via="cases:publish",
    ),
    T(S.RESPONDED, S.CLOSED, CLOSE, stamp="closed_at"),
    T(S.SANCTION_DECIDED, S.CLOSED, CLOSE, stamp="closed_at"),
    T(S.PUBLISHED, S.CLOSED, CLOSE, stamp="closed_at"),
)

#: Keyword data that :func:`transition` writes onto the case itself.
CASE_DATA_FIELDS = frozenset({"referred_to"})


class TransitionError(Exception):
    """The step does not exist from this state, or its conditions do not hold."""


class TransitionNotAllowedError(TransitionError):
    """The actor may not take this step (role, or unit not assigned to the case)."""


def find(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def unit_is_assigned(case: Case, unit_id: int | None) -> bool:
    if unit_id is None:
        return False
    return (
        case.assignments.filter(unit_id=unit_id).exclude(state=AssignmentState.WITHDRAWN).exists()
    )


def may_take(step: Transition, case: Case, actor: Any) -> bool:
    """The role holds one of the step's capabilities; a unit acts only on its own assignment."""
    if not any(is_allowed(actor, capability) for capability in step.capabilities):
        return False
    if is_office(actor):
        return True
    return step.unit_scoped and unit_is_assigned(case, getattr(actor, "unit_id", None))


def _open_assignment(case: Case) -> bool:
    return case.assignments.filter(
        state__in=[AssignmentState.PENDING, AssignmentState.VERIFYING]
    ).exists()


def _all_responded(case: Case) -> bool:
    states = set(case.assignments.values_list("state", flat=True))
    return AssignmentState.RESPONDED in states and states <= {
        AssignmentState.RESPONDED,
        AssignmentState.WITHDRAWN,
    }


GUARDS: dict[Guard, Callable[[Case], bool]] = {
    Guard.HAS_OPEN_ASSIGNMENT: _open_assignment,
    Guard.ALL_RESPONDED: _all_responded,
    Guard.HAS_PROPOSAL: lambda case: case.sanctions.filter(status=SanctionStatus.PROPOSED).exists(),
    Guard.PROPOSAL_APPROVED: lambda case: (
        case.sanctions.filter(status=SanctionStatus.APPROVED).exclude(decision_number="").exists()
    ),
    Guard.HAS_PUBLICATION: lambda case: hasattr(case, "publication"),
}


def problems(step: Transition, case: Case, comment: str, data: dict[str, Any]) -> list[str]:
    """What stops the step, in plain words (empty when it may go ahead)."""
    found = []
    given = {"comment": comment, **data}
    found += [f"missing {name}" for name in step.required if not given.get(name)]
    if step.guard is not None and not GUARDS[step.guard](case):
        found.append(f"condition not met: {step.guard.value}")
    return found


def available(case: Case, actor: Any) -> list[Transition]:
    """The steps this actor may take now (for buttons); their guards may still be unmet."""
    return [t for t in TRANSITIONS if t.source == case.state and may_take(t, case, actor)]


def transition(case: Case, to_state: str, actor: Any, comment: str = "", **data: Any) -> CaseEvent:
    """Move ``case`` to ``to_state`` as ``actor``, or raise :class:`TransitionError`."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        step = find(current.state, to_state)
        if step is None:
            raise TransitionError(f"no step from {current.state} to {to_state}")
        if not may_take(step, current, actor):
            raise TransitionNotAllowedError(f"{actor} may not move the case to {to_state}")
        missing = problems(step, current, comment, data)
        if missing:
            raise TransitionError("; ".join(missing))
        now = timezone.now()
        current.state = step.target
        for name in CASE_DATA_FIELDS & data.keys():
            setattr(current, name, data[name])
        if step.stamp:
            setattr(current, step.stamp, now)
        with acting(user=actor, comment=comment or f"{step.source} → {step.target}"):
            current.save()
        event = CaseEvent.objects.create(
            case=current,
            time=now,
            from_state=step.source,
            to_state=step.target,
            action="transition",
            comment=comment,
            **_actor_fields(actor),
        )
    case.refresh_from_db()
    return event


def _actor_fields(actor: Any) -> dict[str, Any]:
    user = actor if getattr(actor, "pk", None) else None
    unit_id = user.unit_id if user is not None and not is_office(user) else None
    return {
        "actor": user,
        "actor_name": str(actor) if actor is not None else "",
        "unit_id": unit_id,
    }


def record(
    case: Case,
    actor: Any,
    action: str,
    comment: str = "",
    *,
    unit_id: int | None = None,
    time: Any = None,
) -> CaseEvent:
    """Write one timeline entry that is not a state change (assignment, answer, evidence …)."""
    fields = _actor_fields(actor)
    if unit_id is not None:
        fields["unit_id"] = unit_id
    return CaseEvent.objects.create(
        case=case, time=time or timezone.now(), action=action, comment=comment, **fields
    )
