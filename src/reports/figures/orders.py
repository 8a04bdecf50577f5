"""Figures of press commissioning (đặt hàng, plan task 9): per order and per agency, the works
ordered against the works matched, confirmed and rejected."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from plans.models import PressOrder
from reports.periods import Period


@dataclass(frozen=True, slots=True)
class OrderRow:
    order_id: int
    agency: str
    topic: str
    start: datetime.date
    end: datetime.date
    required: int
    proposed: int
    confirmed: int
    rejected: int
    budget: int
    status: str

    @property
    def percent(self) -> float:
        return (
            round(100 * min(self.confirmed, self.required) / self.required, 1)
            if self.required
            else 0.0
        )


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: str
    orders: int
    required: int
    confirmed: int
    budget: int

    @property
    def percent(self) -> float:
        return (
            round(100 * min(self.confirmed, self.required) / self.required, 1)
            if self.required
            else 0.0
        )


@dataclass(frozen=True, slots=True)
class Orders:
    period: Period
    orders: tuple[OrderRow, ...]
    agencies: tuple[AgencyRow, ...]

    @property
    def required(self) -> int:
        return sum(row.required for row in self.orders)

    @property
    def confirmed(self) -> int:
        return sum(row.confirmed for row in self.orders)


def orders(period: Period) -> Orders:
    """Orders whose period overlaps the report's period (cancelled ones left out)."""
    found = (
        PressOrder.objects.filter(period_start__lte=period.end, period_end__gte=period.start)
        .exclude(status="cancelled")
        .select_related("agency")
        .annotate(
            confirmed=Count("matches", filter=Q(matches__confirmed_at__isnull=False)),
            rejected=Count("matches", filter=Q(matches__rejected=True)),
            proposed=Count(
                "matches", filter=Q(matches__confirmed_at__isnull=True, matches__rejected=False)
            ),
        )
        .order_by("agency__name", "period_start", "pk")
    )
    rows = tuple(
        OrderRow(
            order_id=o.pk,
            agency=o.agency.name,
            topic=o.topic,
            start=o.period_start,
            end=o.period_end,
            required=o.works_count,
            proposed=o.proposed,
            confirmed=o.confirmed,
            rejected=o.rejected,
            budget=o.budget_vnd,
            status=o.get_status_display(),
        )
        for o in found
    )
    agencies: dict[str, list[OrderRow]] = {}
    for row in rows:
        agencies.setdefault(row.agency, []).append(row)
    return Orders(
        period,
        rows,
        tuple(
            AgencyRow(
                name,
                len(own),
                sum(r.required for r in own),
                sum(r.confirmed for r in own),
                sum(r.budget for r in own),
            )
            for name, own in agencies.items()
        ),
    )
