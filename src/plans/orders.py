"""Press orders: propose the agency's articles of the period that match the order's topic.

The matcher asks the archive search (``monitoring.search``) for the order's query text, limited
to the sources registered for the ordered agency and to the order's period. New hits become
proposed matches; matches the office confirmed or rejected are never changed by a new run.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from monitoring.models import Source
from monitoring.search import MatchMode, SearchQuery, search
from plans.models import PressOrder, PressOrderMatch

MAX_PROPOSALS = 200


def agency_source_ids(order: PressOrder) -> tuple[int, ...]:
    return tuple(
        Source.objects.filter(press_agency_id=order.agency_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def find_matches(order: PressOrder) -> int:
    """Add the new proposed matches of ``order``; returns how many were added."""
    sources = agency_source_ids(order)
    text = order.query_text.strip()
    if not sources or not text:
        return 0
    result = search(
        SearchQuery(
            text,
            date_from=order.period_start,
            date_to=order.period_end,
            source_ids=sources,
            limit=MAX_PROPOSALS,
            match=MatchMode.ALL,
        )
    )
    known = set(order.matches.values_list("article_id", flat=True))
    added = 0
    with transaction.atomic():
        for hit in result.hits:
            if hit.article_id in known:
                continue
            PressOrderMatch.objects.create(
                order=order, article_id=hit.article_id, rank=hit.rank, snippet=hit.snippet
            )
            added += 1
    return added


def confirm(match: PressOrderMatch, user: Any) -> None:
    match.confirmed_by = user
    match.confirmed_at = timezone.now()
    match.rejected = False
    match.save()


def reject(match: PressOrderMatch, user: Any) -> None:
    match.confirmed_by = user
    match.confirmed_at = None
    match.rejected = True
    match.save()


def progress(order: PressOrder) -> dict[str, int]:
    """Confirmed works against the number ordered (percent capped at 100)."""
    confirmed = order.matches.filter(confirmed_at__isnull=False, rejected=False).count()
    proposed = order.matches.filter(confirmed_at__isnull=True, rejected=False).count()
    percent = min(100, round(100 * confirmed / order.works_count)) if order.works_count else 0
    return {"confirmed": confirmed, "proposed": proposed, "percent": percent}
