"""Turn record fields into (label, text, link) for pages and tables, without extra queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from registry.choices import MediaType
from registry.types import RegistryType


@dataclass(frozen=True, slots=True)
class Shown:
    label: str | Promise
    text: str
    url: str | None = None


def _label_of_choices(values: list[str]) -> str:
    labels = dict(MediaType.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


def show(record: models.Model, name: str, registry_type: RegistryType) -> Shown:
    field = record._meta.get_field(name)
    label = getattr(field, "verbose_name", name)
    value: Any = getattr(record, name)
    url = None
    if getattr(field, "choices", None):
        text = str(getattr(record, f"get_{name}_display")())
    elif name == "media_types":
        text = _label_of_choices(value or [])
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, datetime.date):
        text = date_format(value, "d/m/Y")
    elif isinstance(value, models.Model):
        text = str(value)
        url = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
    else:
        text = "" if value is None else str(value)
    return Shown(label, text or "—", url)


def facts(record: models.Model, registry_type: RegistryType) -> list[Shown]:
    return [show(record, name, registry_type) for name in registry_type.fields]


def row(record: models.Model, registry_type: RegistryType) -> list[Shown]:
    return [show(record, name, registry_type) for name in registry_type.list_columns]


def headers(registry_type: RegistryType) -> list[str | Promise]:
    return [
        getattr(registry_type.model._meta.get_field(n), "verbose_name", n)
        for n in registry_type.list_columns
    ]
