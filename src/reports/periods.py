"""Report periods: inclusive local dates (Asia/Ho_Chi_Minh) and the presets of the form."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True, slots=True)
class Period:
    """Calendar days ``start`` … ``end`` (both included), in the project's time zone."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes: the first instant of ``start`` and of the day after ``end``."""
        zone = timezone.get_current_timezone()
        low = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        high = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return low, high

    def day_list(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=i) for i in range(self.days)]

    def label(self) -> str:
        """ "tháng 10/2026", "ngày 05/10/2026", "năm 2026" or "từ 05/10/2026 đến 11/10/2026"."""
        if self.start == self.end:
            return f"ngày {self.start:%d/%m/%Y}"
        if self == month(self.start.year, self.start.month):
            return f"tháng {self.start:%m/%Y}"
        if self == year(self.start.year):
            return f"năm {self.start.year}"
        return f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"


def month(year_: int, month_: int) -> Period:
    last = calendar.monthrange(year_, month_)[1]
    return Period(datetime.date(year_, month_, 1), datetime.date(year_, month_, last))


def this_month(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    return month(today.year, today.month)


def last_month(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    previous = today.replace(day=1) - datetime.timedelta(days=1)
    return month(previous.year, previous.month)


def day(on: datetime.date) -> Period:
    return Period(on, on)


def week_before(monday: datetime.date) -> Period:
    """The seven days before ``monday`` (Monday … Sunday of the previous week)."""
    start = monday - datetime.timedelta(days=monday.weekday() + 7)
    return Period(start, start + datetime.timedelta(days=6))


def year(year_: int) -> Period:
    return Period(datetime.date(year_, 1, 1), datetime.date(year_, 12, 31))


def half_year(year_: int, half: int) -> Period:
    """The first (1) or second (2) half of a year."""
    if half == 1:
        return Period(datetime.date(year_, 1, 1), datetime.date(year_, 6, 30))
    return Period(datetime.date(year_, 7, 1), datetime.date(year_, 12, 31))
