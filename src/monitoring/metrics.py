"""Monitoring's metric families for ``GET /metrics`` (see core.metrics): articles by status,
source health, and articles stored in the last hour."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from core.metrics import Metric, register
from monitoring.models import Article, Source


@register
def _monitoring() -> Iterable[Metric]:
    by_status = Article.objects.values_list("status").annotate(n=Count("pk")).order_by()
    yield Metric(
        "presswatch_articles",
        "Articles by processing status.",
        samples=tuple(({"status": status}, float(n)) for status, n in by_status),
    )
    since = timezone.now() - timedelta(hours=1)
    yield Metric(
        "presswatch_articles_fetched_last_hour",
        "Articles fetched (or pushed) in the last hour.",
        samples=(({}, float(Article.objects.filter(fetched_at__gte=since).count())),),
    )
    sources = Source.objects.filter(active=True).aggregate(
        total=Count("pk"),
        failing=Count("pk", filter=Q(error_count__gt=0)),
        overdue=Count("pk", filter=Q(next_poll_at__lt=timezone.now() - timedelta(minutes=30))),
    )
    yield Metric(
        "presswatch_sources",
        "Active sources: all, failing (errors in a row), overdue (poll late by 30 min).",
        samples=tuple(({"state": key}, float(value)) for key, value in sources.items()),
    )
