"""Choosing the publication time among the page's, the feed's and the discovery time."""

from __future__ import annotations

import datetime

from monitoring.pipeline.attribution import VIETNAM_TZ
from monitoring.pipeline.published import choose_published_at, is_day_only


def vn(day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=VIETNAM_TZ)


def test_a_full_time_on_the_page_wins() -> None:
    assert choose_published_at(vn(26, 9, 15), vn(26, 9, 20), vn(26, 9, 30)) == vn(26, 9, 15)


def test_a_day_only_page_time_takes_the_feeds_time_of_that_day() -> None:
    assert choose_published_at(vn(26), vn(26, 8, 5), vn(26, 9, 30)) == vn(26, 8, 5)


def test_found_on_the_day_it_names_it_takes_the_discovery_time() -> None:
    assert choose_published_at(vn(26), None, vn(26, 14, 2)) == vn(26, 14, 2)
    # the feed's time for another day does not count
    assert choose_published_at(vn(26), vn(25, 23, 0), vn(26, 14, 2)) == vn(26, 14, 2)


def test_an_older_day_stays_midnight() -> None:
    assert choose_published_at(vn(20), None, vn(26, 14, 2)) == vn(20)


def test_without_a_page_time_the_feeds_is_kept() -> None:
    assert choose_published_at(None, vn(26, 7, 0), vn(26, 8, 0)) == vn(26, 7, 0)
    assert choose_published_at(None, None, vn(26, 8, 0)) is None


def test_midnight_is_read_in_vietnam_time() -> None:
    utc_midnight_vn = datetime.datetime(2026, 11, 25, 17, 0, tzinfo=datetime.UTC)  # 00:00 +07
    assert is_day_only(utc_midnight_vn)
    assert not is_day_only(datetime.datetime(2026, 11, 26, 0, 0, tzinfo=datetime.UTC))
