"""Volume spikes against each key's own baseline."""

from __future__ import annotations

import pytest

from analysis.engine.spikes import detect


def test_day_spike_against_the_previous_week() -> None:
    counts = {"dak-mil": [2, 3, 2, 4, 3, 2, 3, 15], "gia-nghia": [5, 6, 5, 7, 6, 5, 6, 7]}
    spikes = detect(counts, window="day")
    assert [s.key for s in spikes] == ["dak-mil"]
    spike = spikes[0]
    assert spike.observed == 15
    assert spike.baseline_mean == pytest.approx(19 / 7, abs=1e-3)
    assert spike.threshold < 15
    assert spike.ratio == pytest.approx(15 / (19 / 7), abs=1e-2)
    assert "previous 7 days" in spike.explanation


def test_only_the_last_baseline_buckets_count() -> None:
    # an old burst outside the 7-day baseline does not raise the threshold
    counts = {"k": [50, 50, 50, 1, 1, 1, 1, 1, 1, 1, 9]}
    assert [s.key for s in detect(counts, window="day")] == ["k"]


def test_hour_window_uses_three_days() -> None:
    series = [1] * 72 + [8]
    spike = detect({"tone:negative": series}, window="hour")[0]
    assert spike.baseline_mean == 1.0
    assert spike.window == "hour"
    assert "previous 3 days" in spike.explanation


def test_quiet_keys_need_min_count() -> None:
    assert detect({"k": [0, 0, 0, 0, 0, 0, 0, 2]}, window="day") == []
    assert [s.key for s in detect({"k": [0, 0, 0, 0, 0, 0, 0, 5]}, window="day")] == ["k"]
    assert detect({"k": [0, 0, 0, 0, 0, 0, 0, 5]}, window="day", min_count=6) == []


def test_sensitivity() -> None:
    counts = {"k": [4, 6, 5, 4, 6, 5, 5, 10]}
    assert detect(counts, window="day", sensitivity=3.0) == []
    assert [s.key for s in detect(counts, window="day", sensitivity=1.5)] == ["k"]


def test_no_baseline_and_bad_arguments() -> None:
    assert detect({"k": [4]}, window="day")[0].ratio == 4.0
    assert detect({"k": []}, window="day") == []
    with pytest.raises(ValueError, match="window"):
        detect({"k": [1]}, window="week")
    with pytest.raises(ValueError, match="sensitivity"):
        detect({"k": [1]}, window="day", sensitivity=-1)
