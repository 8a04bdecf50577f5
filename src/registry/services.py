"""Write use-cases of the registry that are more than saving a form."""

from __future__ import annotations

import datetime

from django.db import transaction

from registry.choices import LicenceStatus
from registry.models import Licence, LicenceStatusChange


def status_on(licence: Licence, changes: list[LicenceStatusChange], day: datetime.date) -> str:
    """The licence's status on ``day`` from its history and expiry date.

    The latest change in force wins (a suspension with an end date lapses after it); a licence
    past its expiry date is expired unless revoked.
    """
    status = LicenceStatus.ACTIVE.value
    for change in sorted(changes, key=lambda c: (c.effective_on, c.pk or 0)):
        if change.effective_on > day:
            break
        if change.until is not None and change.until < day:
            status = LicenceStatus.ACTIVE.value
            continue
        status = change.status
    if status != LicenceStatus.REVOKED and licence.is_expired_on(day):
        status = LicenceStatus.EXPIRED.value
    return status


@transaction.atomic
def record_status_change(
    licence: Licence, change: LicenceStatusChange, today: datetime.date
) -> None:
    """Add a step to the licence's history and bring its current status up to date."""
    change.licence = licence
    change.save()
    refresh_status(licence, today)


def refresh_status(licence: Licence, today: datetime.date) -> bool:
    """Recompute the licence's current status; save (audited) only if it changed."""
    status = status_on(licence, list(licence.status_changes.all()), today)
    if status == licence.status:
        return False
    licence.status = status
    licence.save(update_fields=["status", "updated_at"])
    return True


def refresh_all_statuses(today: datetime.date) -> int:
    """Daily: suspensions that ended and licences that expired. Returns how many changed."""
    licences = Licence.objects.prefetch_related("status_changes")
    return sum(refresh_status(licence, today) for licence in licences)
