"""Scenario time: minutes since the demo server started, multiplied by ``speed``.

Timeline entries are written in *scenario minutes at speed 1* (``at: 14`` = fourteen minutes after
start). At ``speed`` 4 that item appears after 3.5 real minutes and its publication time is the real
moment it appeared, so pages never carry dates in the future. Items before the start (negative
``at``) keep their offsets unscaled, so the base set spreads over the previous days.

Tests inject ``monotonic`` (a frozen function) and move time with :meth:`ScenarioClock.advance`.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class ScenarioClock:
    """Thread-safe scenario clock; ``start`` is an aware datetime in Asia/Ho_Chi_Minh."""

    def __init__(
        self,
        *,
        speed: float = 1.0,
        start: datetime.datetime | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.start = (start or datetime.datetime.now(VIETNAM_TZ)).astimezone(VIETNAM_TZ)
        self.start = self.start.replace(microsecond=0)
        self._monotonic = monotonic
        self._origin = monotonic()
        self._skipped = 0.0
        self._lock = threading.Lock()

    def advance(self, minutes: float) -> None:
        """Jump ``minutes`` of scenario time ahead (tests; no sleeping)."""
        with self._lock:
            self._skipped += minutes * 60.0 / self.speed

    def _real_seconds(self) -> float:
        with self._lock:
            return self._monotonic() - self._origin + self._skipped

    def minutes(self) -> float:
        """Scenario minutes elapsed since start."""
        return self._real_seconds() * self.speed / 60.0

    def now(self) -> datetime.datetime:
        """The wall-clock moment that corresponds to the current scenario time."""
        return self.start + datetime.timedelta(seconds=self._real_seconds())

    def moment(self, at: float) -> datetime.datetime:
        """The publication time of a timeline entry at scenario minute ``at``."""
        minutes = at / self.speed if at > 0 else at
        return self.start + datetime.timedelta(minutes=minutes)
