"""Due dates come from the configurable rules: 30 days for press-forwarded matters (Press Law
Art 39), the urgent limit for urgent events, the office's default otherwise."""

from __future__ import annotations

import datetime

import pytest

from cases import deadlines
from cases.choices import IntakeKind, Urgency
from cases.models import DeadlineRule
from cases.tests.helpers import open_case, user
from core.access import Role

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def test_press_forwarded_matters_get_thirty_days() -> None:
    case = open_case(user(Role.OFFICER), intake_kind=IntakeKind.PRESS_FORWARDED)
    assert deadlines.due_date_for(case, DAY) == datetime.date(2026, 4, 1)


def test_urgent_events_use_the_configured_short_limit() -> None:
    case = open_case(
        user(Role.OFFICER), intake_kind=IntakeKind.PRESS_FORWARDED, urgency=Urgency.URGENT
    )
    assert deadlines.due_date_for(case, DAY) == DAY + datetime.timedelta(days=2)
    DeadlineRule.objects.filter(code=deadlines.URGENT).update(days=1)
    assert deadlines.due_date_for(case, DAY) == DAY + datetime.timedelta(days=1)


def test_the_office_edits_the_normal_rule() -> None:
    case = open_case(user(Role.OFFICER))
    DeadlineRule.objects.filter(code=deadlines.NORMAL).update(days=10)
    assert deadlines.due_date_for(case, DAY) == datetime.date(2026, 3, 12)


def test_defaults_are_installed_once_and_never_overwrite() -> None:
    deadlines.install_defaults()
    DeadlineRule.objects.filter(code=deadlines.PRESS_FORWARDED).update(days=20)
    assert deadlines.install_defaults() == 0
    assert DeadlineRule.objects.get(code=deadlines.PRESS_FORWARDED).days == 20
