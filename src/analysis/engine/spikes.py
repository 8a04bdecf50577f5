"""Volume spikes: a key's count in the current bucket against its own baseline.

``counts[key]`` is a sequence of bucket counts, oldest first; the last element is the current
bucket, the earlier ones the baseline. The baseline used is the last :data:`BASELINE_BUCKETS`
buckets before the current one (hour: the previous 3 days = 72 hours; day: the previous 7 days).

A spike is ``observed ≥ min_count`` and ``observed > mean + sensitivity × σ``, where σ is the
baseline's standard deviation but at least √mean (Poisson noise) and at least 1, so that a key that
is usually silent or perfectly steady does not fire on one or two extra items. Lower sensitivity
fires more often.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BASELINE_BUCKETS: Mapping[str, int] = {"hour": 72, "day": 7}
_WINDOW_WORDS = {
    "hour": ("last hour", "the previous 3 days"),
    "day": ("today", "the previous 7 days"),
}


@dataclass(frozen=True)
class Spike:
    key: str
    window: str  # "hour" | "day"
    observed: int
    baseline_mean: float
    baseline_std: float
    threshold: float
    ratio: float  # observed / baseline mean (observed when the mean is 0)
    explanation: str


def detect(
    counts: Mapping[str, Sequence[int]],
    *,
    window: str,
    sensitivity: float = 3.0,
    min_count: int = 3,
) -> list[Spike]:
    """Keys whose current bucket stands out from their baseline, largest ratio first."""
    if window not in BASELINE_BUCKETS:
        raise ValueError(f"unknown window {window!r}: use 'hour' or 'day'")
    if sensitivity < 0:
        raise ValueError("sensitivity must not be negative")
    spikes = []
    for key, series in counts.items():
        if not series:
            continue
        observed = int(series[-1])
        if observed < min_count:
            continue
        baseline = [float(v) for v in series[:-1][-BASELINE_BUCKETS[window] :]]
        mean = sum(baseline) / len(baseline) if baseline else 0.0
        variance = sum((v - mean) ** 2 for v in baseline) / len(baseline) if baseline else 0.0
        std = math.sqrt(variance)
        spread = max(std, math.sqrt(mean), 1.0)
        threshold = mean + sensitivity * spread
        if observed <= threshold:
            continue
        ratio = observed / mean if mean > 0 else float(observed)
        now, before = _WINDOW_WORDS[window]
        explanation = (
            f"{key}: {observed} item(s) {now} against a mean of {mean:.1f} (σ {std:.1f}) over"
            f" {before}; threshold {threshold:.1f} at sensitivity {sensitivity:g}"
            f" ({ratio:.1f}× the usual volume)."
        )
        spikes.append(
            Spike(
                key=key,
                window=window,
                observed=observed,
                baseline_mean=round(mean, 3),
                baseline_std=round(std, 3),
                threshold=round(threshold, 3),
                ratio=round(ratio, 3),
                explanation=explanation,
            )
        )
    spikes.sort(key=lambda s: (-s.ratio, s.key))
    return spikes
