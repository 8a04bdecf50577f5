"""Filters shared by the API's list endpoints."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

#: Real time zones lie within UTC−12:00 … UTC+14:00; PostgreSQL refuses larger offsets (a 500).
MAX_OFFSET = datetime.timedelta(hours=14)


class SaneIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 time with a real offset and a year between 1900 and 2200."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        result: datetime.datetime | None = super().to_python(value)
        if result is None:
            return None
        offset = result.utcoffset()
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise ValidationError(_("The time zone offset must lie within ±14:00."))
        if not 1900 <= result.year <= 2200:
            raise ValidationError(_("The year must lie between 1900 and 2200."))
        return result


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """``django_filters.IsoDateTimeFilter`` that answers 400, not 500, to impossible times."""

    field_class = SaneIsoDateTimeField
