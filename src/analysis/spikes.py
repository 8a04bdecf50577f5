"""Hourly counts per topic, locality and sector, and the spike alerts the engine finds in them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Sector, Unit
from analysis import alerting, routing
from analysis.alerting import AlertDraft
from analysis.choices import RuleKind
from analysis.engine.spikes import Spike, detect
from analysis.models import Alert, ArticleAnalysis, Topic, TopicMatch

#: How many past hours form the baseline of each hourly series (the last hour against 3 days).
HISTORY_HOURS = 72
#: How many past days form the baseline of each daily series (a day against the 7 before it).
HISTORY_DAYS = 7
SENSITIVITY = 3.0


def hour_start(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)


def day_start(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def _add(
    series: dict[str, list[int]],
    key: str,
    moment: datetime,
    first: datetime,
    size: int,
    bucket: timedelta,
) -> None:
    start = hour_start(moment) if bucket == timedelta(hours=1) else day_start(moment)
    index = int((start - first) / bucket)
    if 0 <= index < size:
        series.setdefault(key, [0] * size)[index] += 1


def hourly_series(current: datetime) -> dict[str, list[int]]:
    """``{key: [counts of the past hours…, count of the hour starting at current]}``."""
    return _series(current, timedelta(hours=1), HISTORY_HOURS)


def daily_series(current: datetime) -> dict[str, list[int]]:
    """``{key: [counts of the past days…, count of the day starting at current]}``."""
    return _series(current, timedelta(days=1), HISTORY_DAYS)


def _series(current: datetime, bucket: timedelta, history: int) -> dict[str, list[int]]:
    first = current - bucket * history
    end = current + bucket
    size = history + 1
    series: dict[str, list[int]] = {}
    for topic_id, moment in TopicMatch.objects.filter(
        matched_at__gte=first, matched_at__lt=end
    ).values_list("topic_id", "matched_at"):
        _add(series, f"topic:{topic_id}", moment, first, size, bucket)
    rows = ArticleAnalysis.objects.filter(
        analysed_at__gte=first, analysed_at__lt=end, about_province=True
    ).values_list("analysed_at", "localities", "sectors")
    for moment, localities, sectors in rows:
        for code in set(localities or ()):
            _add(series, f"locality:{code}", moment, first, size, bucket)
        if sectors:
            _add(series, f"sector:{sectors[0]}", moment, first, size, bucket)
    return series


def label_for(key: str) -> str:
    kind, _sep, value = key.partition(":")
    if kind == "topic":
        topic = Topic.objects.filter(pk=int(value)).first()
        return topic.name if topic else key
    if kind == "sector":
        sector = Sector.objects.filter(code=value).first()
        return sector.name if sector else value
    from places.models import Area

    area = Area.objects.filter(code=value).first()
    return area.name if area else value


def _routed(key: str) -> list[Unit]:
    kind, _sep, value = key.partition(":")
    if kind == "sector":
        return routing.sector_units([value])
    if kind == "locality":
        return routing.locality_units([value], timezone.localdate())
    return []


def alert_spikes(
    spikes: Iterable[Spike], window_start: datetime, *, stamp: str = "%Y%m%d%H"
) -> list[Alert]:
    """One alert per key and window (the story key holds both)."""
    created: list[Alert] = []
    for spike in spikes:
        label = label_for(spike.key)
        params = {
            "label": label,
            "current": spike.observed,
            "baseline": round(spike.baseline_mean, 1),
            "window": spike.window,
        }
        draft = AlertDraft(
            story_key=f"spike:{spike.key}:{window_start.strftime(stamp)}",
            title=f"{label}: {spike.observed} ({spike.ratio:g}×)",
            explanation=[["alert.spike", params]],
        )
        created += alerting.notify(RuleKind.SPIKE, draft, _routed(spike.key))
    return created


def run_hourly(now: datetime | None = None) -> list[Alert]:
    """Check the last complete hour against the three days before it."""
    current = hour_start(now or timezone.now()) - timedelta(hours=1)
    series = hourly_series(current)
    spikes = detect(series, window="hour", sensitivity=SENSITIVITY)
    return alert_spikes(spikes, current)


def run_daily(now: datetime | None = None) -> list[Alert]:
    """Check yesterday against the seven days before it (mean + k·σ)."""
    current = day_start(now or timezone.now()) - timedelta(days=1)
    series = daily_series(current)
    spikes = detect(series, window="day", sensitivity=SENSITIVITY)
    return alert_spikes(spikes, current, stamp="d%Y%m%d")
