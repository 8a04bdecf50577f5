from __future__ import annotations

import datetime

import pytest

from demo.clock import VIETNAM_TZ, ScenarioClock

START = datetime.datetime(2026, 11, 26, 8, 0, tzinfo=VIETNAM_TZ)


def test_advance_moves_scenario_time_without_sleeping() -> None:
    clock = ScenarioClock(start=START, monotonic=lambda: 100.0)
    assert clock.minutes() == 0
    clock.advance(15)
    assert clock.minutes() == pytest.approx(15)
    assert clock.now() == START + datetime.timedelta(minutes=15)


def test_speed_compresses_future_items_but_not_past_ones() -> None:
    clock = ScenarioClock(speed=4, start=START, monotonic=lambda: 0.0)
    assert clock.moment(20) == START + datetime.timedelta(minutes=5)
    assert clock.moment(-60) == START - datetime.timedelta(hours=1)
    clock.advance(20)  # scenario minutes: five real minutes at speed 4
    assert clock.now() == START + datetime.timedelta(minutes=5)


def test_real_time_drives_the_clock() -> None:
    now = [50.0]
    clock = ScenarioClock(speed=2, start=START, monotonic=lambda: now[0])
    now[0] += 90
    assert clock.minutes() == pytest.approx(3)


def test_speed_must_be_positive() -> None:
    with pytest.raises(ValueError, match="speed"):
        ScenarioClock(speed=0)


def test_start_is_vietnam_time() -> None:
    assert ScenarioClock().start.utcoffset() == datetime.timedelta(hours=7)
