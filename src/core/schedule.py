"""Periodic tasks at local times. Huey keeps its schedule in UTC (``"utc": True`` in settings),
so ``crontab(hour="7")`` would run at 14:00 in Vietnam; :func:`local_crontab` converts an hour of
the installation's time zone (``PRESSWATCH_TIME_ZONE``) to UTC. Vietnam has no daylight saving,
so the offset read at start-up holds all year; zones with DST shift by an hour twice a year."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab


def utc_hour(local_hour: int, zone: str | None = None) -> int:
    """The UTC hour at which ``local_hour`` o'clock of ``zone`` (default: the settings') falls."""
    tz = ZoneInfo(zone or settings.TIME_ZONE)
    offset = datetime.datetime.now(tz).utcoffset() or datetime.timedelta()
    return (local_hour - int(offset.total_seconds() // 3600)) % 24


def local_crontab(*, minute: str, hour: int) -> Callable[[datetime.datetime], bool]:
    """``crontab(minute=…, hour=…)`` with ``hour`` in local time (whole-hour offsets)."""
    return crontab(minute=minute, hour=str(utc_hour(hour)))
