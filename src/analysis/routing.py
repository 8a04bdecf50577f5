"""Who follows up an article: the unit of its primary sector (``accounts.Sector``) and the
commune units of the localities it mentions (``LocalityRoute``, else the commune whose area is
that place)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from accounts.models import Sector, Unit, UnitKind, User
from analysis.models import LocalityRoute
from core.access import Role
from places.models import Area

#: Roles whose holders receive the alerts of their unit.
LIAISON_ROLES = (Role.UNIT_LIAISON, Role.POLICE_LIAISON)


def sector_units(sector_codes: Sequence[str]) -> list[Unit]:
    """The responsible unit of each sector, in the order given (``khac`` has none)."""
    units = {
        sector.code: sector.responsible_unit
        for sector in Sector.objects.filter(code__in=list(sector_codes)).select_related(
            "responsible_unit"
        )
    }
    return [u for code in sector_codes if (u := units.get(code)) is not None]


def locality_units(place_codes: Iterable[str], day: datetime.date) -> list[Unit]:
    """The units routed for each place: explicit routes first, else the commune unit of the
    place (or of the place that carries it today, after a merger)."""
    codes = list(dict.fromkeys(place_codes))
    found: list[Unit] = []
    routes = LocalityRoute.objects.filter(place_code__in=codes).select_related("unit")
    routed = {route.place_code for route in routes}
    found.extend(route.unit for route in routes)
    for code in codes:
        if code in routed:
            continue
        area = Area.objects.filter(code=code).first()
        if area is None:
            continue
        for candidate in dict.fromkeys([area, area.current(day)]):
            unit = (
                Unit.objects.valid_on(day)
                .filter(area=candidate, kind=UnitKind.COMMUNE)
                .order_by("pk")
                .first()
            )
            if unit is not None:
                found.append(unit)
                break
    return found


def routed_units(
    sectors: Sequence[str], localities: Sequence[str], day: datetime.date
) -> list[Unit]:
    """The proposed responsible units: the primary sector's unit, then the localities' units."""
    units = sector_units(list(sectors[:1])) + locality_units(localities, day)
    return list({unit.pk: unit for unit in units}.values())


def liaisons(units: Iterable[Unit]) -> QuerySet[User]:
    """Active liaisons of these units (they receive the units' alerts)."""
    return User.objects.filter(
        is_active=True, role__in=[r.value for r in LIAISON_ROLES], unit__in=list(units)
    )


__all__ = ["LIAISON_ROLES", "liaisons", "locality_units", "routed_units"]
