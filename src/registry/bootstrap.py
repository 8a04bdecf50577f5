"""Registry steps of `presswatch bootstrap`: the starter catalogue and (--demo) demo scenarios.

Both are idempotent and change nothing (so write no audit entry) when run again on the same day.

- The catalogue (step 50, ``data/catalogue.json``) holds real press agencies. Rows are matched by
  name; a new row gets every field, an existing row only the fields that are still empty, so
  what the office edits later is never overwritten. Feed URLs that are not verified
  (``feed_candidates``) never go into ``feeds``: they are written into the note and the row is
  marked ``needs_verification``.
- The demo (step 95, only with --demo, ``data/demo.json``) is fiction. Each row is matched by its
  registry type's natural key and updated in place. Its dates are offsets from the day of loading
  (``"card_expires_in_days": 20``), so the compliance page always has something to show.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from accounts.models import Unit
from core.bootstrap import BootstrapReport, step
from registry.models import (
    GeneralSite,
    Licence,
    Notice,
    PressAgency,
    RepresentativeOffice,
    RepublicationAgreement,
    ResidentReporter,
    SanctionRule,
    SocialAccount,
    SocialNetwork,
    Spokesperson,
    StateChannel,
)

DATA = Path(__file__).resolve().parent / "data"
RELATIVE = "_in_days"
DEMO_NOTE = "Dữ liệu minh họa (hư cấu), chỉ nạp với --demo."
UNVERIFIED_FEEDS = "Địa chỉ RSS chưa kiểm chứng (feed URLs not verified): {urls}."

M = TypeVar("M", bound=models.Model)


def load_data(name: str) -> dict[str, Any]:
    """One of the registry's data files (``catalogue.json``, ``demo.json``)."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _lookup(model: type[models.Model], field: str) -> Callable[[str], models.Model]:
    def find(value: str) -> models.Model:
        return model._default_manager.get(**{field: value})

    return find


# Data files name related rows by their natural key; these turn the key into the row.
REFERENCES: dict[str, Callable[[str], models.Model]] = {
    "unit": _lookup(Unit, "code"),
    "owner_unit": _lookup(Unit, "code"),
    "agency": _lookup(PressAgency, "name"),
    "card_agency": _lookup(PressAgency, "name"),
    "press_agency": _lookup(PressAgency, "name"),
    "office": _lookup(RepresentativeOffice, "name"),
    "reporter": _lookup(ResidentReporter, "full_name"),
    "site": _lookup(GeneralSite, "name"),
    "general_site": _lookup(GeneralSite, "name"),
    "social_network": _lookup(SocialNetwork, "name"),
}

# (section of demo.json, model, natural key), in load order: referenced rows come first.
DEMO_SECTIONS: tuple[tuple[str, type[models.Model], tuple[str, ...]], ...] = (
    ("agencies", PressAgency, ("name",)),
    ("sites", GeneralSite, ("name",)),
    ("social_networks", SocialNetwork, ("name",)),
    ("licences", Licence, ("kind", "number", "issuer")),
    ("agreements", RepublicationAgreement, ("site", "press_agency")),
    ("offices", RepresentativeOffice, ("agency", "address")),
    ("reporters", ResidentReporter, ("agency", "full_name")),
    ("notices", Notice, ("agency", "kind", "document")),
    ("channels", StateChannel, ("url",)),
    ("spokespersons", Spokesperson, ("unit", "full_name")),
    ("social_accounts", SocialAccount, ("url",)),
)


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _date_field(model: type[models.Model], name: str) -> str:
    """The date field an ``X_in_days`` key sets: ``X_on`` if the model has it, else ``X``."""
    stem = name.removesuffix(RELATIVE)
    target = f"{stem}_on" if _field(model, f"{stem}_on") is not None else stem
    if not isinstance(_field(model, target), models.DateField):
        raise ValueError(f"{model.__name__} has no date field for {name!r}")
    return target


def resolve(
    model: type[models.Model], row: Mapping[str, Any], today: datetime.date
) -> dict[str, Any]:
    """Field values for ``model`` from a data-file row: offsets become dates, keys become rows."""
    values: dict[str, Any] = {}
    for name, value in row.items():
        if name.endswith(RELATIVE):
            values[_date_field(model, name)] = today + datetime.timedelta(days=int(value))
        elif name in REFERENCES:
            values[name] = REFERENCES[name](value) if value else None
        elif isinstance(_field(model, name), models.DateField) and isinstance(value, str):
            values[name] = datetime.date.fromisoformat(value)
        elif _field(model, name) is None:
            raise ValueError(f"{model.__name__} has no field {name!r}")
        else:
            values[name] = value
    return values


def _is_blank(value: object) -> bool:
    return value is None or value in ("", [])


def put(
    model: type[M],
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    report: BootstrapReport,
    overwrite: bool = True,
) -> M:
    """Create or update the row matching ``key``; save only if something changed.

    With ``overwrite=False`` an existing row only gets the fields that are still empty.
    """
    record = model._default_manager.filter(**key).first()
    created = record is None
    if record is None:
        record = model(**key)
    changed = created
    for name, value in values.items():
        field = _field(model, name)
        if field is None:
            raise ValueError(f"{model.__name__} has no field {name!r}")
        new = value.pk if isinstance(value, models.Model) else value
        current = getattr(record, field.attname)
        if current == new or not (created or overwrite or _is_blank(current)):
            continue
        setattr(record, field.attname, new)
        changed = True
    if changed:
        record.save()
    report.count(model._meta.model_name or model.__name__, created=created)
    return record


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


@step(50)
def load_catalogue(report: BootstrapReport) -> None:
    """The starter catalogue of real press agencies (never overwrites the office's edits)."""
    today = timezone.localdate()
    for source in load_data("catalogue.json")["agencies"]:
        row = dict(source)
        candidates: list[str] = row.pop("feed_candidates", [])
        values = resolve(PressAgency, row, today)
        if candidates:  # unverified URLs stay out of `feeds` and flag the row
            values["needs_verification"] = True
            values["note"] = _join(
                values.get("note", ""), UNVERIFIED_FEEDS.format(urls=", ".join(candidates))
            )
        name = values.pop("name")
        put(PressAgency, {"name": name}, values, report=report, overwrite=False)


@step(51)
def load_sanctions(report: BootstrapReport) -> None:
    """The sanctions reference table (``data/sanctions.json``), matched by version and code.

    Reference data: the file is authoritative, so existing rows of the same version are
    brought back to it (only rows that differ are saved).
    """
    data = load_data("sanctions.json")
    today = timezone.localdate()
    for position, source in enumerate(data["rules"]):
        values = resolve(SanctionRule, {**source, "position": position}, today)
        key = {"version": data["version"], "code": values.pop("code")}
        put(SanctionRule, key, values, report=report)


@step(95, demo_only=True)
def load_demo_registry(report: BootstrapReport) -> None:
    """Fictional registry scenarios for the demo, with dates relative to today."""
    data = load_data("demo.json")
    today = timezone.localdate()
    for section, model, key_fields in DEMO_SECTIONS:
        for row in data.get(section, []):
            values = resolve(model, row, today)
            if _field(model, "note") is not None:
                values["note"] = _join(DEMO_NOTE, values.get("note", ""))
            key = {name: values.pop(name) for name in key_fields}
            put(model, key, values, report=report)
