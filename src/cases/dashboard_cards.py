"""Dashboard cards of cases: open cases and overdue assignments (a unit sees its own)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import FINAL_STATES, AssignmentState
from cases.models import Assignment, Case
from core.access import Capability, visible
from core.dashboard import Card, register


@register(Capability.VIEW_CASES, order=40)
def case_cards(user: Any) -> list[Card]:
    cases = visible(Case.objects.all(), user)
    open_count = cases.exclude(state__in=list(FINAL_STATES)).count()
    late = visible(Assignment.objects.all(), user).filter(
        state__in=[AssignmentState.PENDING, AssignmentState.VERIFYING],
        due_date__lt=timezone.localdate(),
    )
    overdue = late.count()
    url = reverse("cases:case_list")
    return [
        Card(_("Open cases"), open_count, url),
        Card(_("Overdue assignments"), overdue, f"{url}?overdue=1", tone="bad" if overdue else ""),
    ]
