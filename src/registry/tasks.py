"""Huey tasks of the registry app."""

from __future__ import annotations

from django.utils import timezone
from huey.contrib.djhuey import db_periodic_task

from core.context import acting
from core.schedule import local_crontab
from registry import services


@db_periodic_task(local_crontab(minute="5", hour=0))
def refresh_licence_statuses() -> None:
    """Every night: licences whose suspension ended or that expired get their new status."""
    with acting(actor="scheduler"):
        services.refresh_all_statuses(timezone.localdate())
