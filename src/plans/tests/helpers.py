"""Helpers of the plans tests: importing the demo plan, unit users."""

from __future__ import annotations

import datetime

from accounts.models import Unit, User
from accounts.tests.factories import UserFactory
from core.access import Role
from plans.importing import build_preview, import_plan, sha256_of
from plans.models import Plan
from plans.parsing import parse_plan_file
from plans.tests.conftest import DEMO_PLAN

TODAY = datetime.date(2026, 3, 2)


def import_demo(today: datetime.date = TODAY) -> Plan:
    content = DEMO_PLAN.read_bytes()
    preview = build_preview(
        parse_plan_file(DEMO_PLAN),
        source_name=DEMO_PLAN.name,
        sha256=sha256_of(content),
        today=today,
    )
    return import_plan(preview, content=content).plan


def liaison(code: str, role: Role = Role.UNIT_LIAISON, **fields: object) -> User:
    user: User = UserFactory.create(role=role, unit=Unit.objects.get(code=code), **fields)
    return user
