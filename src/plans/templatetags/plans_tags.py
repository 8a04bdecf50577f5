"""Template helpers of the plans app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def unit_name(names: dict[int, str], unit_id: int | None) -> str:
    """The name of a unit id in the preview's id → name map."""
    if unit_id is None:
        return "—"
    return names.get(unit_id, str(unit_id))


@register.filter
def cadence_label(value: str) -> str:
    from plans.choices import ReportCadence

    return str(ReportCadence(value).label) if value in ReportCadence.values else value


@register.filter
def office(user: object) -> bool:
    """True for office staff (who see every unit's work)."""
    from core.access import is_office

    return is_office(user)


@register.filter
def vnd(value: int | None) -> str:
    """An amount in đồng grouped by dots, as Vietnamese documents write it (40.000.000)."""
    return f"{int(value or 0):,}".replace(",", ".")
