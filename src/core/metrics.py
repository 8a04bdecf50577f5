"""Basic metrics in the Prometheus text format (``GET /metrics``): queue depth, jobs per kind and
state, per-kind throughput and failures in the last hour, and what the apps above contribute
(articles by status, source health) through :func:`register`.

Every figure is counted from the database when scraped (a few grouped queries), so any web node
answers for the whole installation; scrape it every minute or so, not every second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from core.models import Job, JobState


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric family: name, help text, type and its samples (labels → value)."""

    name: str
    help: str
    kind: str = "gauge"  # gauge or counter
    samples: tuple[tuple[dict[str, str], float], ...] = field(default_factory=tuple)


MetricSource = Callable[[], Iterable[Metric]]
_SOURCES: list[MetricSource] = []


def register(source: MetricSource) -> MetricSource:
    """Apps above core add metric families with this decorator."""
    _SOURCES.append(source)
    return source


@register
def _jobs() -> Iterable[Metric]:
    rows = Job.objects.values_list("kind", "state").annotate(n=Count("pk")).order_by()
    yield Metric(
        "presswatch_jobs",
        "Durable jobs by kind and state.",
        samples=tuple(({"kind": kind, "state": state}, float(n)) for kind, state, n in rows),
    )
    now = timezone.now()
    pending = Job.objects.filter(state=JobState.PENDING, available_at__lte=now).count()
    yield Metric("presswatch_queue_depth", "Jobs waiting to run now.", samples=(({}, pending),))
    hour = Job.objects.filter(finished_at__gte=now - timedelta(hours=1))
    per_kind = hour.values_list("kind").annotate(
        done=Count("pk", filter=Q(state=JobState.DONE)),
        failed=Count("pk", filter=Q(state=JobState.FAILED)),
    )
    done, failed = [], []
    for kind, n_done, n_failed in per_kind.order_by():
        done.append(({"kind": kind}, float(n_done)))
        failed.append(({"kind": kind}, float(n_failed)))
    yield Metric(
        "presswatch_jobs_done_last_hour", "Jobs finished in the last hour.", samples=tuple(done)
    )
    yield Metric(
        "presswatch_jobs_failed_last_hour", "Jobs failed in the last hour.", samples=tuple(failed)
    )


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", " ").replace('"', '\\"')


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    pairs = (f'{key}="{_escape(value)}"' for key, value in sorted(labels.items()))
    return "{" + ",".join(pairs) + "}"


def render() -> str:
    """Every registered family in the Prometheus text exposition format (version 0.0.4)."""
    lines: list[str] = []
    for source in _SOURCES:
        for metric in source():
            lines.append(f"# HELP {metric.name} {metric.help}")
            lines.append(f"# TYPE {metric.name} {metric.kind}")
            for labels, value in metric.samples:
                lines.append(f"{metric.name}{_labels(labels)} {value:g}")
    return "\n".join(lines) + "\n"
