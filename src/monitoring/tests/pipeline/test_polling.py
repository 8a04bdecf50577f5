"""Adaptive polling interval (Media Cloud rss-fetcher's auto-adjust rule)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitoring.pipeline.polling import DEFAULT_MINUTES, duplicate_percent, next_interval


@pytest.mark.parametrize(
    ("new", "total", "percent"),
    [(0, 10, 100.0), (10, 10, 0.0), (3, 10, 70.0), (7, 10, 30.0), (0, 0, 102.0), (15, 10, 0.0)],
)
def test_duplicate_percent(new: int, total: int, percent: float) -> None:
    assert duplicate_percent(new, total) == percent


@pytest.mark.parametrize(
    ("current", "new", "total", "expected", "why"),
    [
        (60, 3, 10, 70, "70% duplicates, some new: +10 min"),
        (60, 0, 10, 70, "all duplicates, age unknown (alive): +10 min"),
        (60, 5, 10, 60, "50% duplicates: unchanged"),
        (120, 7, 10, 60, "30% duplicates: -60 min"),
        (600, 9, 10, DEFAULT_MINUTES, "mostly new above the default: back to 6 h at once"),
        (60, 0, 0, 70, "an empty poll counts as all duplicates"),
        (1440, 0, 10, 1440, "never above the maximum"),
        (15, 10, 10, 10, "never below the minimum"),
    ],
)
def test_next_interval(current: int, new: int, total: int, expected: int, why: str) -> None:
    assert next_interval(current, new, total, minimum=10, maximum=1440) == expected, why


def test_dead_source_grows_by_an_hour() -> None:
    assert next_interval(60, 0, 10, minimum=10, maximum=1440, days_since_new=40) == 120
    assert next_interval(60, 0, 10, minimum=10, maximum=1440, days_since_new=3) == 70


def test_provincial_bounds_of_five_to_fifteen_minutes() -> None:
    assert next_interval(5, 0, 20, minimum=5, maximum=15) == 15
    assert next_interval(15, 18, 20, minimum=5, maximum=15) == 5


@given(
    current=st.integers(-100, 5000),
    new=st.integers(-5, 200),
    total=st.integers(-5, 200),
    low=st.integers(1, 300),
    high=st.integers(1, 3000),
)
def test_result_is_always_within_bounds(
    current: int, new: int, total: int, low: int, high: int
) -> None:
    result = next_interval(current, new, total, minimum=low, maximum=high)
    assert min(low, high) <= result <= max(low, high)
