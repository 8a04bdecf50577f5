"""Builders shared by the cases tests (plain functions: no fixtures to collide with others)."""

from __future__ import annotations

import itertools
from typing import Any, cast

from accounts.models import Unit, UnitKind, User
from accounts.tests.factories import UserFactory, make_unit
from cases import deadlines, services
from cases.choices import IntakeKind
from cases.models import Case
from core.access import Role
from registry.models import SanctionRule

_CODES = itertools.count(1)


def user(role: Role, unit: Unit | None = None, **fields: Any) -> User:
    if role in (Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY) and unit is None:
        unit = make_unit()
    made = UserFactory(role=role, unit=unit, **fields)  # type: ignore[no-untyped-call]
    return cast("User", made)


def commune() -> Unit:
    return make_unit(name="Ủy ban nhân dân phường Thử Nghiệm", kind=UnitKind.COMMUNE)


def department() -> Unit:
    return make_unit(name="Sở Y tế Thử Nghiệm", kind=UnitKind.DEPARTMENT)


def open_case(actor: User, **fields: Any) -> Case:
    deadlines.install_defaults()
    intake = services.Intake(
        title=fields.pop("title", "Phản ánh về chất lượng nước sinh hoạt"),
        intake_kind=fields.pop("intake_kind", IntakeKind.MANUAL),
        **fields,
    )
    return services.open_case(intake, actor)


def set_state(case: Case, state: str) -> Case:
    Case.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    return case


def sanction_rule(confidence: str = "S", **fields: Any) -> Any:
    """A row of the sanctions reference (registry.SanctionRule)."""
    values: dict[str, Any] = {
        "code": fields.pop("code", f"test-{next(_CODES)}-{confidence.lower()}"),
        "version": "test",
        "decree": "15/2020/NĐ-CP",
        "article": "101",
        "clause": "1",
        "point": "",
        "violation": "Chia sẻ thông tin giả mạo, sai sự thật trên mạng xã hội",
        "violator_type": "organisation",
        "fine_min": 10_000_000,
        "fine_max": 20_000_000,
        "individual_halved": True,
        "confidence": confidence,
    }
    values.update(fields)
    return SanctionRule.objects.create(**values)
