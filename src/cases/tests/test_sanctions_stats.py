"""Sanction proposals respect the reference row (unconfirmed rows need a confirmed override, the
fine stays in the row's range for the violator type) and the statistics count what happened."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import services, stats
from cases.choices import CaseState
from cases.sanctions import Proposal, SanctionError, approve, propose
from cases.tests.helpers import commune, open_case, sanction_rule, set_state, user
from core.access import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("confidence", ["U", "K"])
def test_unconfirmed_rows_need_a_confirmed_override(confidence: str) -> None:
    officer = user(Role.OFFICER)
    case = set_state(open_case(officer), CaseState.RESPONDED)
    rule = sanction_rule(confidence)
    with pytest.raises(SanctionError):
        propose(case, officer, Proposal(rule, "organisation", 15_000_000))
    with pytest.raises(SanctionError):
        propose(case, officer, Proposal(rule, "organisation", 15_000_000, override_confirmed=True))
    sanction = propose(
        case,
        officer,
        Proposal(
            rule,
            "organisation",
            15_000_000,
            override_confirmed=True,
            override_reason="Đã đối chiếu văn bản gốc",
        ),
    )
    assert sanction.override_confirmed and case.state == CaseState.SANCTION_PROPOSED


@pytest.mark.parametrize(
    ("violator", "amount", "ok"),
    [
        ("organisation", 9_999_999, False),
        ("organisation", 20_000_000, True),
        ("individual", 10_000_000, True),  # an individual pays half: 5–10 M
        ("individual", 10_000_001, False),
    ],
)
def test_the_fine_stays_in_the_rows_range(violator: str, amount: int, ok: bool) -> None:
    officer = user(Role.OFFICER)
    case = set_state(open_case(officer), CaseState.RESPONDED)
    proposal = Proposal(sanction_rule("S"), violator, amount)
    if ok:
        assert propose(case, officer, proposal).amount == amount
    else:
        with pytest.raises(SanctionError):
            propose(case, officer, proposal)


def test_statistics_of_a_period() -> None:
    officer, leader = user(Role.OFFICER), user(Role.LEADER)
    ward = commune()
    today = timezone.localdate()
    case = open_case(officer, intake_kind="press_forwarded")
    services.assign(case, officer, [ward])
    late = open_case(officer)
    services.assign(late, officer, [ward], due_date=today - datetime.timedelta(days=2))
    answer = services.Answer(verification_result="confirmed", response_text="Đã xử lý")
    services.respond(case.assignments.get(), user(Role.UNIT_LIAISON, unit=ward), answer)
    case.refresh_from_db()
    sanction = propose(case, officer, Proposal(sanction_rule("S"), "organisation", 12_000_000))
    approve(sanction, leader, decision_number="9/QĐ-XPHC", decision_date=today)
    summary = stats.summary(today - datetime.timedelta(days=1), today)
    assert summary["opened"] == 2
    assert summary["by_intake"] == {"manual": 1, "press_forwarded": 1}
    assert summary["by_state"] == {"assigned": 1, "sanction_decided": 1}
    assert summary["by_unit"][ward.name] == {
        "assigned": 2,
        "answered": 1,
        "answered_late": 0,
        "overdue": 1,
    }
    assert summary["overdue"]["count"] == 1 and summary["overdue"]["by_unit"] == {ward.name: 1}
    assert summary["mean_days_to_respond"] is not None and summary["mean_days_to_respond"] < 1
    assert summary["sanctions"] == {
        "count": 1,
        "fines_total": 12_000_000,
        "by_decree": {"15/2020/NĐ-CP": 1},
    }
