"""Republication checks of a registered general site's items (NĐ 72/2013, NĐ 147/2024).

The source of an item is the earliest member of its story cluster published by another outlet.
Failed checks become findings (one per item and rule). "Self-produced content" is judged only
after a grace period (:data:`SELF_PRODUCED_GRACE_MINUTES`), so that an item fetched before its
source does not raise it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from findings import store
from findings.choices import ItemRole
from findings.clustering import Member, candidate_source, published
from findings.engine.republication import (
    Agreement,
    Attribution,
    RepublishedItem,
    SourceItem,
    check_republication,
    failures,
)
from findings.models import Finding
from findings.neardup import similarity
from findings.subjects import GENERAL_SITE, subject_of
from monitoring.models import Article

SELF_PRODUCED = "self_produced"


def self_produced_grace() -> datetime.timedelta:
    return datetime.timedelta(
        minutes=getattr(settings, "FINDINGS_SELF_PRODUCED_GRACE_MINUTES", 120)
    )


def _item(article: Article) -> RepublishedItem:
    return RepublishedItem(
        published_at=published(article),
        attribution=Attribution(
            outlet=article.attribution_outlet,
            author=article.attribution_author,
            published_at=article.attribution_published_at,
        ),
        removed_at=article.removed_at,
        text=article.text,
    )


def _source(article: Article, member: Member) -> SourceItem:
    value, _, _ = similarity(article.text, member.article.text)
    return SourceItem(
        outlet=member.subject.outlet,
        published_at=published(member.article),
        similarity=value,
        is_press_agency=member.subject.licensed_press,
        is_state_body=member.subject.is_state_body,
        removed_at=member.article.removed_at,
    )


def _agreements(article: Article) -> list[Agreement]:
    site = article.source.general_site
    if site is None:
        return []
    return [
        Agreement(a.press_agency.name, a.valid_from, a.valid_to)
        for a in site.agreements.select_related("press_agency")
    ]


def check(
    article: Article, *, now: datetime.datetime | None = None, judge_self_produced: bool = False
) -> list[Finding]:
    """Run the republication checks of one general-site item; findings for the failed ones.

    Returns the findings, and whether no source was found is left to the caller
    (:func:`needs_self_produced_check`).
    """
    subject = subject_of(article.source)
    if subject.kind != GENERAL_SITE:
        return []
    candidate = candidate_source(article)
    source = _source(article, candidate) if candidate is not None else None
    hits = check_republication(
        _item(article), source, _agreements(article), subject=f"article:{article.pk}", now=now
    )
    items: list[store.ItemRef] = [(article, ItemRole.COPY)]
    if candidate is not None:
        items.append((candidate.article, ItemRole.SOURCE))
    found = []
    for hit in failures(hits):
        if hit.rule_code.startswith("rep-self-produced") and not judge_self_produced:
            continue
        found.append(
            store.record(
                hit,
                dedup_key=f"republication:{hit.rule_code}:{article.pk}",
                subject=subject,
                occurred_at=published(article),
                items=items if candidate is not None else [(article, ItemRole.EVIDENCE)],
                figures={"source_article": candidate.article.pk if candidate else None},
            )
        )
    return found


def has_source(article: Article) -> bool:
    return candidate_source(article) is not None


def copies_of(article: Article) -> list[Article]:
    """General-site members of the article's cluster whose source is ``article``."""
    from findings.models import ClusterMember

    row = ClusterMember.objects.filter(article_id=article.pk).first()
    if row is None:
        return []
    copies = []
    for other in (
        Article.objects.filter(cluster_member__cluster_id=row.cluster_id)
        .exclude(pk=article.pk)
        .select_related("source__general_site")
    ):
        if other.source.general_site_id is None:
            continue
        candidate = candidate_source(other)
        if candidate is not None and candidate.article.pk == article.pk:
            copies.append(other)
    return copies


def check_takedown(copy: Article) -> list[Finding]:
    """The checks again with ``now``: a copy still online 3 hours after its source was removed."""
    return check(copy, now=timezone.now())
