"""Commercialisation signals for review: unlabelled advertorials, negative items softened or
removed soon after publication (confidence K: proposals only, never authoritative)."""

from __future__ import annotations

from django.utils import timezone

from findings import store
from findings.clustering import published
from findings.engine.advertorial import ItemVersion, assess_advertorial, softened_after_negative
from findings.models import Finding
from findings.subjects import STATE, subject_of
from findings.tags import tone_score
from monitoring.models import Article


def check_advertorial(article: Article) -> Finding | None:
    subject = subject_of(article.source)
    if subject.kind == STATE:
        return None
    day = timezone.localdate(published(article))
    result = assess_advertorial(
        article.text, title=article.title, on=day, subject=f"article:{article.pk}"
    )
    if result.hit is None or result.hit.passed:
        return None
    return store.record(
        result.hit,
        dedup_key=f"advertorial:{result.hit.rule_code}:{article.pk}",
        subject=subject,
        occurred_at=published(article),
        items=[store.evidence(article)],
        figures={"brand": result.brand},
    )


def versions(article: Article) -> list[ItemVersion]:
    """The stored versions with their tone; the first is dated at publication."""
    found = []
    rows = list(article.versions.order_by("fetched_at", "pk"))
    for index, row in enumerate(rows):
        at = row.fetched_at
        if index == 0 and article.published_at is not None:
            at = min(at, article.published_at)
        found.append(ItemVersion(at=at, text=row.text, tone_score=tone_score(row.title, row.text)))
    if not found and article.text:
        found.append(
            ItemVersion(published(article), article.text, tone_score(article.title, article.text))
        )
    return found


def check_softened(article: Article) -> Finding | None:
    """A negative item removed, or edited to sound milder, within the rule's hours."""
    subject = subject_of(article.source)
    if subject.kind == STATE:
        return None
    hit = softened_after_negative(
        versions(article), removed_at=article.removed_at, subject=f"article:{article.pk}"
    )
    if hit is None or hit.passed:
        return None
    kind = "removed" if article.removed_at is not None else "softened"
    return store.record(
        hit,
        dedup_key=f"softened:{hit.rule_code}:{kind}:{article.pk}",
        subject=subject,
        occurred_at=article.removed_at or article.edited_at or published(article),
        items=[store.evidence(article)],
        figures={"removed_at": article.removed_at, "removal_kind": article.removal_kind},
    )
