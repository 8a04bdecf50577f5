"""Due dates of assignments from the configurable deadline rules (``DeadlineRule`` rows).

The rows are data the office edits; the defaults below are loaded by a migration and used as a
fallback only if a row is missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.choices import IntakeKind, Urgency
from cases.models import Case, DeadlineRule

PRESS_FORWARDED = "press_forwarded"
URGENT = "urgent"
NORMAL = "normal"


@dataclass(frozen=True, slots=True)
class DefaultRule:
    code: str
    label: str
    days: int
    remind_before_days: int
    legal_basis: str


DEFAULT_RULES: tuple[DefaultRule, ...] = (
    DefaultRule(
        PRESS_FORWARDED,
        "Vụ việc báo chí chuyển đến, yêu cầu trả lời",
        30,
        5,
        "Luật Báo chí 2016, Điều 39",
    ),
    DefaultRule(URGENT, "Sự kiện đột xuất, bất thường", 2, 1, "Quy định của cơ quan (NĐ 09/2017)"),
    DefaultRule(NORMAL, "Vụ việc thông thường", 15, 3, "Quy định của cơ quan"),
)


#: The longest period the law allows, by rule code (the office may only shorten it).
LEGAL_MAXIMUM_DAYS: dict[str, int] = {PRESS_FORWARDED: 30}

#: Where each default rule comes from, shown on the deadline rules page.
BASIS_NOTES: dict[str, Promise] = {
    PRESS_FORWARDED: _(
        "Press Law 2016, Article 39: an authority answers in the press, or tells the press "
        "agency how a forwarded matter was handled, within 30 days of the request."
    ),
    URGENT: _(
        "The office's own choice: Decree 09/2017 asks for prompt information on sudden "
        "events but sets no number of hours or days."
    ),
    NORMAL: _("The office's own choice: no legal text sets this period."),
}


def rule_code_for(case: Case) -> str:
    """Urgent events first; then matters the press forwards (Press Law Art 39); else normal."""
    if case.urgency == Urgency.URGENT:
        return URGENT
    if case.intake_kind == IntakeKind.PRESS_FORWARDED:
        return PRESS_FORWARDED
    return NORMAL


def rule_for(case: Case) -> DeadlineRule:
    code = rule_code_for(case)
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is not None:
        return rule
    default = next(d for d in DEFAULT_RULES if d.code == code)
    return DeadlineRule(
        code=default.code,
        label=default.label,
        days=default.days,
        remind_before_days=default.remind_before_days,
        legal_basis=default.legal_basis,
    )


def due_date_for(case: Case, on: datetime.date) -> datetime.date:
    """The due date of an assignment of ``case`` made on ``on`` (calendar days)."""
    return on + datetime.timedelta(days=rule_for(case).days)


def install_defaults() -> int:
    """Create the default rules that do not exist yet (never overwrite the office's values)."""
    created = 0
    for default in DEFAULT_RULES:
        _rule, was_created = DeadlineRule.objects.get_or_create(
            code=default.code,
            defaults={
                "label": default.label,
                "days": default.days,
                "remind_before_days": default.remind_before_days,
                "legal_basis": default.legal_basis,
            },
        )
        created += was_created
    return created
