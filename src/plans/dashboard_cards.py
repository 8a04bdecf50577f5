"""Dashboard cards of the plans app: periods due this month and overdue periods (unit users
see their own unit's)."""

from __future__ import annotations

import calendar
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import Capability, visible
from core.dashboard import Card, register
from plans.choices import PlanStatus
from plans.models import TaskPeriod


@register(Capability.VIEW_PLANS, order=40)
def plan_cards(user: Any) -> list[Card]:
    today = timezone.localdate()
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    periods = visible(
        TaskPeriod.objects.filter(reported_at__isnull=True, task__plan__status=PlanStatus.ACTIVE),
        user,
    )
    due = periods.filter(due__gte=today, due__lte=last).count()
    overdue = periods.filter(due__lt=today).count()
    url = reverse("plans:period_list")
    return [
        Card(_("Plan tasks due this month"), due, f"{url}?when=month", tone="warn" if due else ""),
        Card(
            _("Overdue plan periods"), overdue, f"{url}?when=overdue", tone="bad" if overdue else ""
        ),
    ]
