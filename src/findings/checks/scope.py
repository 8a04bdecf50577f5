"""A magazine's items against its registered scope, over a rolling window of its latest items.

The window is the magazine's items of the last :data:`WINDOW_DAYS` days, at most
:data:`WINDOW_ITEMS` of them (settings ``FINDINGS_SCOPE_WINDOW_DAYS`` / ``_ITEMS``); the
threshold and the minimum number of items are the dated rule's (``rules.json``). One finding per
magazine, rule and ISO week: recomputing updates it while it awaits review.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from findings import store
from findings.engine.scope import MagazineScope, ScopeItem, assess_scope
from findings.models import Finding
from findings.subjects import subject_of
from findings.tags import sectors_of
from monitoring.choices import ArticleStatus
from monitoring.models import Article, Source
from registry.models import PressAgency


def window(agency: PressAgency, now: datetime.datetime) -> list[Article]:
    days = int(getattr(settings, "FINDINGS_SCOPE_WINDOW_DAYS", 30))
    limit = int(getattr(settings, "FINDINGS_SCOPE_WINDOW_ITEMS", 50))
    return list(
        Article.objects.filter(
            source__press_agency=agency,
            status=ArticleStatus.EXTRACTED,
            published_at__gte=now - datetime.timedelta(days=days),
            published_at__lte=now,
        )
        .exclude(text="")
        .order_by("-published_at", "-pk")[:limit]
    )


def check_scope(agency: PressAgency, *, now: datetime.datetime | None = None) -> list[Finding]:
    """Recompute the off-scope (and, for science journals, incident-news) share of a magazine."""
    if not agency.is_magazine:
        return []
    now = now or timezone.now()
    articles = window(agency, now)
    if not articles:
        return []
    sectors = sectors_of(articles)
    items = [ScopeItem(str(a.pk), a.text, sectors[a.pk], a.title) for a in articles]
    scope = MagazineScope(
        tuple(agency.scope_sectors or ()),
        tuple(agency.scope_keywords or ()),
        agency.is_science_journal,
    )
    day = timezone.localdate(now)
    report = assess_scope(items, scope, on=day, subject=f"agency:{agency.pk}")
    source = Source.objects.filter(press_agency=agency).first()
    subject = subject_of(source) if source is not None else None
    year, week, _ = day.isocalendar()
    found = []
    for hit in report.hits:
        if hit.passed:
            continue
        incident = "incident_share" in hit.figures
        flagged = [i for i in report.items if (i.incident if incident else not i.in_scope)]
        found.append(
            store.record(
                hit,
                dedup_key=f"scope:{hit.rule_code}:{agency.pk}:{year}-W{week:02d}",
                subject=subject,
                subject_label=agency.name,
                occurred_at=max(a.published_at for a in articles if a.published_at),
                items=[store.evidence(int(i.id)) for i in flagged],
                figures={
                    "window_first": min(a.published_at for a in articles if a.published_at),
                    "window_last": max(a.published_at for a in articles if a.published_at),
                    "item_reasons": {i.id: i.explanation for i in report.items},
                },
            )
        )
    return found
