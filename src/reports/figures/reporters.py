"""Figures of the semiannual list of resident reporters and representative offices (plan task 7),
with the state of each press card at the end of the half-year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from registry.checks import card_valid_until
from registry.choices import RecordStatus
from registry.models import RepresentativeOffice, ResidentReporter
from reports.periods import Period

#: A card valid for fewer days than this at the end of the half-year is "expiring".
EXPIRING_DAYS = 90
VALID, EXPIRING, EXPIRED, MISSING, FOREIGN = "valid", "expiring", "expired", "missing", "foreign"


@dataclass(frozen=True, slots=True)
class CardHolderRow:
    agency: str
    name: str
    office: str  # the office's name for a reporter, its address for an office
    card_number: str
    card_valid_until: datetime.date | None
    card_status: str
    since: datetime.date | None
    until: datetime.date | None
    status: str


@dataclass(frozen=True, slots=True)
class Reporters:
    period: Period
    offices: tuple[CardHolderRow, ...]
    reporters: tuple[CardHolderRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for row in (*self.offices, *self.reporters) if row.card_status == status)


def card_status(
    number: str,
    expires: datetime.date | None,
    card_agency_id: int | None,
    agency_id: int,
    on: datetime.date,
) -> tuple[str, datetime.date | None]:
    if not number or expires is None:
        return MISSING, expires
    until, _extended = card_valid_until(expires, on)
    if card_agency_id is not None and card_agency_id != agency_id:
        return FOREIGN, until
    if until < on:
        return EXPIRED, until
    if (until - on).days <= EXPIRING_DAYS:
        return EXPIRING, until
    return VALID, until


def reporters(period: Period) -> Reporters:
    """Offices active at any time of the half-year and reporters working in it."""
    on = period.end
    offices = (
        RepresentativeOffice.objects.filter(Q(opened_on__isnull=True) | Q(opened_on__lte=on))
        .exclude(status=RecordStatus.CLOSED, updated_at__date__lt=period.start)
        .select_related("agency")
        .order_by("agency__name", "pk")
    )
    people = (
        ResidentReporter.objects.filter(Q(started_on__isnull=True) | Q(started_on__lte=on))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        .select_related("agency", "office")
        .order_by("agency__name", "full_name", "pk")
    )
    office_rows = []
    for office in offices:
        status, until = card_status(
            office.card_number, office.card_expires_on, office.card_agency_id, office.agency_id, on
        )
        office_rows.append(
            CardHolderRow(
                agency=office.agency.name,
                name=office.head_name,
                office=office.address,
                card_number=office.card_number,
                card_valid_until=until,
                card_status=status,
                since=office.opened_on,
                until=None,
                status=office.get_status_display(),
            )
        )
    reporter_rows = []
    for person in people:
        status, until = card_status(
            person.card_number, person.card_expires_on, person.card_agency_id, person.agency_id, on
        )
        reporter_rows.append(
            CardHolderRow(
                agency=person.agency.name,
                name=person.full_name,
                office=str(person.office) if person.office else "",
                card_number=person.card_number,
                card_valid_until=until,
                card_status=status,
                since=person.started_on,
                until=person.ended_on,
                status=person.get_status_display(),
            )
        )
    return Reporters(period, tuple(office_rows), tuple(reporter_rows))
