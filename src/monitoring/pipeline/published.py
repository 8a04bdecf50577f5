"""Which publication time to keep when the page, the feed and our own discovery disagree.

Pure: no framework imports. Many Vietnamese pages and platform exports give only the day
("26/11/2026"); parsed, that is midnight in Vietnam. Kept as is, every such article would count in
the 00:00 hour of spike detection and read "published 00:00". So a day-only time from the page
yields to a full time for the same day (the feed's ``pubDate``), and, for an item found on the
day it names, to the moment it was discovered (it was published before that, on that day); an
older day stays midnight: there is nothing better to say.
"""

from __future__ import annotations

import datetime

from monitoring.pipeline.attribution import VIETNAM_TZ


def is_day_only(moment: datetime.datetime) -> bool:
    """True for exactly midnight in Vietnam: how a date without a time is stored."""
    local = moment.astimezone(VIETNAM_TZ)
    return local.time() == datetime.time(0, 0)


def choose_published_at(
    extracted: datetime.datetime | None,
    known: datetime.datetime | None,
    discovered: datetime.datetime | None,
) -> datetime.datetime | None:
    """The publication time to store: the page's (``extracted``), the feed's (``known``), or for
    a day-only page time on the day of discovery, the discovery time."""
    if extracted is None:
        return known
    if not is_day_only(extracted):
        return extracted
    day = extracted.astimezone(VIETNAM_TZ).date()
    if known is not None and not is_day_only(known) and known.astimezone(VIETNAM_TZ).date() == day:
        return known
    if discovered is not None and discovered.astimezone(VIETNAM_TZ).date() == day:
        return discovered
    return extracted
