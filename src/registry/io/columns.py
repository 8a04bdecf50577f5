"""One column of an import/export file per registry field: how a value is written and read back.

Files name their columns by field name. Values are written so that reading them back gives the same
value: lists joined by "; ", dates as YYYY-MM-DD, booleans as true/false, choices by value, and
foreign keys by a natural reference (a press agency's name, a unit's code, …). Reading is more
forgiving: dd/mm/YYYY dates, có/không, choice labels in Vietnamese or English, any letter case.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Unit
from core.text import normalize_text
from registry.choices import MediaType
from registry.models import (
    GeneralSite,
    PressAgency,
    RepresentativeOffice,
    SocialNetwork,
)
from registry.types import RegistryType

LIST_SEPARATOR = "; "
TRUE_WORDS = frozenset({"true", "1", "có", "yes"})
FALSE_WORDS = frozenset({"false", "0", "không", "no"})
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

#: JSON list fields whose items are choice values.
LIST_CHOICES: dict[tuple[type[models.Model], str], type[models.TextChoices]] = {
    (PressAgency, "media_types"): MediaType,
}


class CellError(Exception):
    """A cell's text is not a valid value; the message says why (shown to the officer)."""


class Keep:
    """An empty cell of a required field that has a default: keep the stored value."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = Keep()


def clean_text(raw: str) -> str:
    return unicodedata.normalize("NFC", raw).strip()


def match_key(text: str) -> str:
    """Key on which spellings that differ only in case, spacing or apostrophes agree."""
    return normalize_text(text).casefold()


class Column:
    """Base: plain text. Subclasses override :meth:`to_cell` and :meth:`from_text`."""

    def __init__(self, name: str, field: models.Field[Any, Any]) -> None:
        self.name = name
        self.field = field
        self.attname: str = field.attname

    def current(self, record: models.Model) -> Any:
        return getattr(record, self.attname)

    def format(self, record: models.Model) -> str:
        return self.to_cell(self.current(record))

    def to_cell(self, value: Any) -> str:
        return "" if value is None else str(value)

    def parse(self, raw: str) -> Any:
        """The value to store for ``raw`` (or :data:`KEEP`); raises :class:`CellError`."""
        text = clean_text(raw)
        return self.empty() if text == "" else self.from_text(text)

    def from_text(self, text: str) -> Any:
        return text

    def empty(self) -> Any:
        if not self.field.blank:
            if self.field.has_default():
                return KEEP
            raise CellError(_("A value is required."))
        return None if self.field.null else self.field.get_default()


class BooleanColumn(Column):
    def to_cell(self, value: Any) -> str:
        return "true" if value else "false"

    def from_text(self, text: str) -> Any:
        word = text.casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError(
            _("“%(value)s” is not yes or no (use true/false, 1/0, có/không).") % {"value": text}
        )


class DateColumn(Column):
    def to_cell(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else ""

    def from_text(self, text: str) -> Any:
        parts: tuple[str, str, str] | None = None
        if found := ISO_DATE.match(text):
            parts = (found[1], found[2], found[3])
        elif found := VN_DATE.match(text):
            parts = (found[3], found[2], found[1])
        try:
            if parts is None:
                raise ValueError(text)
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a date (use YYYY-MM-DD or dd/mm/YYYY).") % {"value": text}
            ) from None


def choice_lookup(choices: list[tuple[Any, Any]]) -> dict[str, str]:
    """Value and label (English and Vietnamese) of each choice → the value."""
    lookup: dict[str, str] = {}
    for language in ("en", "vi"):
        with translation.override(language):
            for value, label in choices:
                lookup.setdefault(match_key(str(label)), str(value))
    for value, _label in choices:
        lookup[match_key(str(value))] = str(value)
    return lookup


def parse_choice(text: str, lookup: dict[str, str], values: list[str]) -> str:
    found = lookup.get(match_key(text))
    if found is None:
        raise CellError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(values)}
        )
    return found


class ChoiceColumn(Column):
    def __init__(self, name: str, field: models.Field[Any, Any]) -> None:
        super().__init__(name, field)
        choices = list(field.flatchoices)
        self.values = [str(value) for value, _label in choices]
        self.lookup = choice_lookup(choices)

    def from_text(self, text: str) -> Any:
        return parse_choice(text, self.lookup, self.values)


class ListColumn(Column):
    """A JSON list of strings, written as items joined by "; "."""

    def __init__(
        self, name: str, field: models.Field[Any, Any], choices: type[models.TextChoices] | None
    ) -> None:
        super().__init__(name, field)
        self.values = [str(v) for v in choices.values] if choices else []
        self.lookup = choice_lookup(list(choices.choices)) if choices else {}

    def current(self, record: models.Model) -> Any:
        return list(getattr(record, self.attname) or [])

    def to_cell(self, value: Any) -> str:
        return LIST_SEPARATOR.join(str(item) for item in value or [])

    def parse(self, raw: str) -> Any:
        items = [clean_text(item) for item in raw.split(";")]
        items = [item for item in items if item]
        if self.lookup:
            return [parse_choice(item, self.lookup, self.values) for item in items]
        return items


@dataclass(frozen=True, slots=True)
class Reference:
    """How records of one model are named in a file: one text part or several joined by " | "."""

    parts: Callable[[Any], tuple[str, ...]]
    count: int = 1  # number of parts
    select_related: tuple[str, ...] = ()

    def text(self, obj: models.Model) -> str:
        return " | ".join(self.parts(obj))

    def key(self, parts: tuple[str, ...]) -> str:
        return "|".join(match_key(part) for part in parts)


def _name(obj: Any) -> tuple[str, ...]:
    return (obj.name,)


REFERENCES: dict[type[models.Model], Reference] = {
    PressAgency: Reference(_name),
    GeneralSite: Reference(_name),
    SocialNetwork: Reference(_name),
    Unit: Reference(lambda unit: (unit.code,)),
    RepresentativeOffice: Reference(
        lambda office: (office.agency.name, office.address), 2, select_related=("agency",)
    ),
}


class ForeignKeyColumn(Column):
    """A foreign key, written as the natural reference of the related record."""

    def __init__(self, name: str, field: models.Field[Any, Any]) -> None:
        super().__init__(name, field)
        self.target: type[models.Model] = field.related_model  # type: ignore[assignment]
        self.reference = REFERENCES[self.target]
        self._index: dict[str, list[tuple[str, Any]]] | None = None

    def format(self, record: models.Model) -> str:
        related = getattr(record, self.name)
        return "" if related is None else self.reference.text(related)

    def from_text(self, text: str) -> Any:
        parts = tuple(text.split("|", self.reference.count - 1))
        matches = self.index().get(self.reference.key(parts), [])
        if len(matches) > 1:
            matches = [match for match in matches if match[0] == text]
        if len(matches) == 1:
            return matches[0][1]
        if not matches:
            raise CellError(
                _("No %(model)s “%(value)s” in the registry.")
                % {"model": self.target._meta.verbose_name, "value": text}
            )
        raise CellError(
            _("“%(value)s” names several records; make the names distinct first.") % {"value": text}
        )

    def index(self) -> dict[str, list[tuple[str, Any]]]:
        if self._index is None:
            self._index = {}
            related = self.target._default_manager.select_related(*self.reference.select_related)
            for obj in related:
                parts = self.reference.parts(obj)
                self._index.setdefault(self.reference.key(parts), []).append(
                    (self.reference.text(obj), obj.pk)
                )
        return self._index


def make_column(registry_type: RegistryType, name: str) -> Column:
    field = registry_type.field(name)
    if name in registry_type.list_fields:
        return ListColumn(name, field, LIST_CHOICES.get((registry_type.model, name)))
    if isinstance(field, models.ForeignKey):
        return ForeignKeyColumn(name, field)
    if isinstance(field, models.BooleanField):
        return BooleanColumn(name, field)
    if isinstance(field, models.DateTimeField):
        raise TypeError(f"{registry_type.slug}.{name}: date-time fields are not exchanged")
    if isinstance(field, models.DateField):
        return DateColumn(name, field)
    if field.choices:
        return ChoiceColumn(name, field)
    if isinstance(field, models.CharField | models.TextField):
        return Column(name, field)
    raise TypeError(f"{registry_type.slug}.{name}: no file column for {type(field).__name__}")


def columns_for(registry_type: RegistryType) -> dict[str, Column]:
    """The file columns of a registry type, in the order of its ``fields``."""
    return {name: make_column(registry_type, name) for name in registry_type.fields}
