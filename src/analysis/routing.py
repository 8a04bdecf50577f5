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


def place_codes(code: str, day: datetime.date) -> list[str]:
    """The area codes that may stand for a gazetteer place: its own code, its last segment
    (``lam-dong/bac-gia-nghia`` → ``bac-gia-nghia``), then the same for the places it was merged
    into that are in force on ``day``."""
    from analysis import runtime

    gazetteer = runtime.GAZETTEER.get()
    found: list[str] = []
    queue, seen = [code], set()
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        found += [current, current.rsplit("/", 1)[-1]]
        place = gazetteer.place(current)
        if place is not None and not place.valid_on(day):
            queue.extend(place.successor_codes)
    return list(dict.fromkeys(found))


def locality_units(place_codes_: Iterable[str], day: datetime.date) -> list[Unit]:
    """The units routed for each place: explicit routes first, else the commune unit whose area
    is the place (or the place that carries it after a merger)."""
    codes = list(dict.fromkeys(place_codes_))
    found: list[Unit] = []
    routes = LocalityRoute.objects.filter(place_code__in=codes).select_related("unit")
    routed = {route.place_code for route in routes}
    found.extend(route.unit for route in routes)
    communes = Unit.objects.valid_on(day).filter(kind=UnitKind.COMMUNE).order_by("pk")
    for code in codes:
        if code in routed:
            continue
        for candidate in place_codes(code, day):
            area = Area.objects.filter(code=candidate).first()
            unit = None
            if area is not None:
                unit = communes.filter(area__in=[area, area.current(day)]).first()
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
