"""Propose a sanction from the reference table, and the leader's decision on it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.choices import CaseState, SanctionStatus
from cases.models import Case, SanctionDecision
from cases.workflow import transition
from core.context import acting

CONFIRMED = "S"


class SanctionError(ValueError):
    """The proposal or decision is not acceptable (message for the user)."""


def needs_override(rule: Any) -> bool:
    """A row whose legal basis is not confirmed ([K] or UNCERTAIN) needs a confirmed override."""
    return str(getattr(rule, "confidence", "")) != CONFIRMED


def fine_range(rule: Any, violator_type: str) -> tuple[int | None, int | None]:
    """(minimum, maximum) fine of ``rule`` for the violator type; None where unknown."""
    low, high = rule.fine_range_for(violator_type)
    return (low, high)


@dataclass(frozen=True)
class Proposal:
    rule: Any  # registry.SanctionRule
    violator_type: str
    amount: int
    violator_name: str = ""
    override_confirmed: bool = False
    override_reason: str = ""
    comment: str = ""


def check_proposal(proposal: Proposal) -> None:
    if needs_override(proposal.rule) and not (
        proposal.override_confirmed and proposal.override_reason.strip()
    ):
        raise SanctionError("unconfirmed rule: confirm the override and give the reason")
    low, high = fine_range(proposal.rule, proposal.violator_type)
    states_fines = proposal.rule.fine_min is not None or proposal.rule.fine_max is not None
    if low is None and high is None and states_fines:
        raise SanctionError("this rule states no fine for this kind of violator")
    if low is not None and proposal.amount < low:
        raise SanctionError(f"the fine is below the minimum of this rule ({low:,} VND)")
    if high is not None and proposal.amount > high:
        raise SanctionError(f"the fine is above the maximum of this rule ({high:,} VND)")


def propose(case: Case, actor: Any, proposal: Proposal) -> SanctionDecision:
    check_proposal(proposal)
    with transaction.atomic(), acting(user=actor, comment=proposal.comment or "sanction proposed"):
        sanction = SanctionDecision.objects.create(
            case=case,
            rule=proposal.rule,
            violator_type=proposal.violator_type,
            violator_name=proposal.violator_name,
            amount=proposal.amount,
            override_confirmed=proposal.override_confirmed,
            override_reason=proposal.override_reason,
            proposed_by=actor,
        )
        transition(case, CaseState.SANCTION_PROPOSED, actor, proposal.comment)
    return sanction


def approve(
    sanction: SanctionDecision,
    actor: Any,
    *,
    decision_number: str,
    decision_date: datetime.date,
    comment: str = "",
) -> SanctionDecision:
    if sanction.status != SanctionStatus.PROPOSED:
        raise SanctionError("only a proposed sanction can be approved")
    if not decision_number.strip():
        raise SanctionError("the decision number is required")
    with transaction.atomic(), acting(user=actor, comment=comment or "sanction approved"):
        sanction.status = SanctionStatus.APPROVED
        sanction.decision_number = decision_number.strip()
        sanction.decision_date = decision_date
        sanction.approved_by = actor
        sanction.approved_at = timezone.now()
        sanction.save()
        transition(
            sanction.case,
            CaseState.SANCTION_DECIDED,
            actor,
            comment,
            decision_number=sanction.decision_number,
            decision_date=decision_date,
        )
    return sanction


def return_proposal(sanction: SanctionDecision, actor: Any, comment: str) -> SanctionDecision:
    if sanction.status != SanctionStatus.PROPOSED:
        raise SanctionError("only a proposed sanction can be returned")
    with transaction.atomic(), acting(user=actor, comment=comment):
        sanction.status = SanctionStatus.RETURNED
        sanction.save()
        transition(sanction.case, CaseState.RESPONDED, actor, comment)
    return sanction
