"""The workflow table: every step is allowed exactly to the roles (and units) it names, its
guards and required data are enforced, and no step outside the table is possible."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from accounts.models import Unit
from accounts.tests.factories import make_unit
from cases import workflow
from cases.choices import AssignmentState, CaseState, SanctionStatus
from cases.models import Assignment, Case, CaseEvent, Publication
from cases.tests.helpers import open_case, sanction_rule, set_state, user
from cases.workflow import TRANSITIONS, Guard, Transition
from core.access import OFFICE_ROLES, Role, is_allowed
from core.models import ObjectChange

pytestmark = pytest.mark.django_db
ROLES = list(Role)
HAS_SANCTION_RULE = "SanctionRule" in {
    m.__name__ for m in apps.get_app_config("registry").get_models()
}


def _assignment(case: Case, unit: Unit, state: str) -> Assignment:
    return Assignment.objects.create(
        case=case,
        unit=unit,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
        state=state,
    )


def _sanction(case: Case, officer: Any, status: str, number: str = "") -> None:
    from cases.models import SanctionDecision

    SanctionDecision.objects.create(
        case=case,
        rule=sanction_rule(),
        violator_type="organisation",
        amount=15_000_000,
        status=status,
        decision_number=number,
        decision_date=timezone.localdate() if number else None,
        proposed_by=officer,
    )


def _prepare(step: Transition, unit: Unit, officer: Any) -> Case:
    """A case in the step's source state whose guard holds."""
    case = open_case(officer)
    guard = step.guard
    needs_rule = guard in (Guard.HAS_PROPOSAL, Guard.PROPOSAL_APPROVED)
    if (needs_rule or step.source == CaseState.SANCTION_PROPOSED) and not HAS_SANCTION_RULE:
        pytest.skip("registry.SanctionRule is not installed yet")
    state = AssignmentState.RESPONDED if guard == Guard.ALL_RESPONDED else AssignmentState.PENDING
    _assignment(case, unit, state)
    if guard == Guard.HAS_PROPOSAL or step.source == CaseState.SANCTION_PROPOSED:
        _sanction(case, officer, SanctionStatus.PROPOSED)
    if guard == Guard.PROPOSAL_APPROVED:
        _sanction(case, officer, SanctionStatus.APPROVED, "12/QĐ-XPHC")
    if guard == Guard.HAS_PUBLICATION:
        Publication.objects.create(
            case=case, title=case.title, published_at=timezone.now(), published_by=officer
        )
    return set_state(case, step.source)


def _data(step: Transition) -> tuple[str, dict[str, Any]]:
    data = {name: "x" for name in step.required if name != "comment"}
    if "decision_date" in data:
        data["decision_date"] = str(timezone.localdate())
    return "ghi chú", data


def _expected(step: Transition, role: Role) -> bool:
    holds = any(is_allowed(user_stub(role), c) for c in step.capabilities)
    return holds and (role in OFFICE_ROLES or step.unit_scoped)


class user_stub:  # noqa: N801  (a tiny stand-in for the policy check only)
    is_authenticated = True
    is_active = True

    def __init__(self, role: Role) -> None:
        self.role = role


@pytest.mark.parametrize(
    ("step", "role"),
    list(itertools.product(TRANSITIONS, ROLES)),
    ids=lambda v: f"{v.source}->{v.target}" if isinstance(v, Transition) else str(v),
)
def test_each_step_is_open_exactly_to_its_roles(step: Transition, role: Role) -> None:
    unit = make_unit()
    actor = user(role, unit=unit if role not in OFFICE_ROLES else None)
    case = _prepare(step, unit, user(Role.OFFICER))
    comment, data = _data(step)
    if _expected(step, role):
        event = workflow.transition(case, step.target, actor, comment, **data)
        assert case.state == step.target
        assert (event.from_state, event.to_state, event.actor) == (step.source, step.target, actor)
        if step.stamp:
            assert getattr(case, step.stamp) is not None
        change = ObjectChange.objects.filter(object_id=str(case.pk), comment=comment).first()
        assert change is not None and change.user == actor
    else:
        with pytest.raises(workflow.TransitionNotAllowedError):
            workflow.transition(case, step.target, actor, comment, **data)
        assert Case.objects.get(pk=case.pk).state == step.source


@pytest.mark.parametrize("step", [t for t in TRANSITIONS if t.unit_scoped], ids=str)
def test_a_unit_not_assigned_to_the_case_is_refused(step: Transition) -> None:
    case = _prepare(step, make_unit(), user(Role.OFFICER))
    stranger = user(Role.UNIT_LIAISON)
    with pytest.raises(workflow.TransitionNotAllowedError):
        workflow.transition(case, step.target, stranger, "x")


@pytest.mark.parametrize("step", [t for t in TRANSITIONS if t.guard or t.required], ids=str)
def test_guards_and_required_data_are_enforced(step: Transition) -> None:
    officer = user(Role.ADMIN)
    case = set_state(open_case(officer), step.source)  # no assignment, sanction or publication
    with pytest.raises(workflow.TransitionError) as raised:
        workflow.transition(case, step.target, officer, "")
    assert not isinstance(raised.value, workflow.TransitionNotAllowedError)
    assert Case.objects.get(pk=case.pk).state == step.source


def test_no_step_outside_the_table() -> None:
    admin = user(Role.ADMIN)
    case = open_case(admin)
    pairs = {(t.source, t.target) for t in TRANSITIONS}
    for source, target in itertools.product(CaseState, CaseState):
        if (source, target) in pairs:
            continue
        set_state(case, source)
        with pytest.raises(workflow.TransitionError):
            workflow.transition(case, target, admin, "x", referred_to="x")
    assert not CaseEvent.objects.filter(case=case, action="transition").exists()


def test_final_states_have_no_way_out_except_closed_cases() -> None:
    sources = {t.source for t in TRANSITIONS}
    assert CaseState.REJECTED not in sources and CaseState.REFERRED not in sources
    assert CaseState.CLOSED not in sources
    # every state but the final ones can be left
    assert set(CaseState) - sources == {CaseState.REJECTED, CaseState.REFERRED, CaseState.CLOSED}
