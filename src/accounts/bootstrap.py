"""Load the province configuration, units, sectors and (for demos) accounts. Idempotent.

Rows are matched by their code and updated in place, so running it again after editing the data
files updates the database and creates no duplicates. Changes are audited as actor "bootstrap".
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from accounts.models import Jurisdiction, Sector, Unit, User
from core.bootstrap import BootstrapReport, step
from places.models import Area

ACCOUNTS_DATA = Path(__file__).resolve().parent / "data"
PLACES_DATA = Path(__file__).resolve().parent.parent / "places" / "data"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _load(path: Path, key: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))[key]
    return rows


@step(10)
def load_areas(report: BootstrapReport) -> None:
    rows = _load(PLACES_DATA / "areas.json", "areas")
    for row in rows:  # first pass: the rows themselves
        _, created = Area.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "variants": row.get("variants", []),
                "valid_from": _date(row.get("valid_from")),
                "valid_to": _date(row.get("valid_to")),
                "note": row.get("note", ""),
            },
        )
        report.count("area", created=created)
    for row in rows:  # second pass: links between rows
        area = Area.objects.get(code=row["code"])
        area.parent = Area.objects.get(code=row["parent"]) if row.get("parent") else None
        area.successor = Area.objects.get(code=row["successor"]) if row.get("successor") else None
        area.save()


@step(20)
def load_units(report: BootstrapReport) -> None:
    rows = _load(ACCOUNTS_DATA / "units.json", "units")
    for row in rows:
        _, created = Unit.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "aliases": row.get("aliases", []),
                "area": Area.objects.get(code=row["area"]) if row.get("area") else None,
                "valid_from": _date(row.get("valid_from")),
                "valid_to": _date(row.get("valid_to")),
                "needs_verification": row.get("needs_verification", False),
                "note": row.get("note", ""),
            },
        )
        report.count("unit", created=created)
    for row in rows:
        unit = Unit.objects.get(code=row["code"])
        unit.parent = Unit.objects.get(code=row["parent"]) if row.get("parent") else None
        unit.successor = Unit.objects.get(code=row["successor"]) if row.get("successor") else None
        unit.press_successor = (
            Unit.objects.get(code=row["press_successor"]) if row.get("press_successor") else None
        )
        unit.save()


@step(30)
def load_sectors(report: BootstrapReport) -> None:
    for position, row in enumerate(_load(ACCOUNTS_DATA / "sectors.json", "sectors")):
        sector = Sector.objects.filter(code=row["code"]).first()
        created = sector is None
        if sector is None:  # the unit mapping is configuration: set it only on first load
            sector = Sector(code=row["code"])
            sector.responsible_unit = (
                Unit.objects.get(code=row["unit"]) if row.get("unit") else None
            )
        sector.name, sector.name_en = row["name"], row["name_en"]
        sector.scope, sector.position = row.get("scope", ""), position
        sector.save()
        report.count("sector", created=created)


@step(40)
def load_jurisdictions(report: BootstrapReport) -> None:
    for row in _load(ACCOUNTS_DATA / "jurisdictions.json", "jurisdictions"):
        _, created = Jurisdiction.objects.update_or_create(
            valid_from=_date(row.get("valid_from")),
            defaults={
                "valid_to": _date(row.get("valid_to")),
                "province": Area.objects.get(code=row["province"]),
                "peoples_committee": Unit.objects.get(code=row["peoples_committee"]),
                "press_authority": Unit.objects.get(code=row["press_authority"]),
                "needs_verification": row.get("needs_verification", False),
                "note": row.get("note", ""),
            },
        )
        report.count("jurisdiction", created=created)


@step(90, demo_only=True)
def load_demo_users(report: BootstrapReport) -> None:
    data = json.loads((ACCOUNTS_DATA / "demo_users.json").read_text(encoding="utf-8"))
    for row in data["users"]:
        user = User.objects.filter(username=row["username"]).first()
        created = user is None
        if user is None:
            user = User(username=row["username"])
            user.set_password(data["password"])
        user.full_name = row["full_name"]
        user.role = row["role"]
        user.unit = Unit.objects.get(code=row["unit"]) if row.get("unit") else None
        user.position = row.get("position", "")
        user.email = row.get("email", "")
        user.is_active = True
        user.save()
        report.count("user", created=created)
