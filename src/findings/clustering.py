"""Same-story clusters: join an article to the clusters of its near-duplicates, merge them, and
measure every member against the original (earliest published; a licensed press agency wins a
tie)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from findings.engine.clusters import original_key
from findings.engine.dedup import Item, Match
from findings.engine.shingles import ShingleSet, overlap, shingle_set
from findings.engine.syndication import credits
from findings.models import ClusterMember, StoryCluster
from findings.subjects import SOURCE_RELATED, Subject, subject_of
from monitoring.models import Article


@dataclass(frozen=True)
class Member:
    """A cluster member with what the detectors need of it."""

    article: Article
    subject: Subject
    item: Item


def published(article: Article) -> datetime.datetime:
    return article.published_at or article.discovered_at


def as_member(article: Article) -> Member:
    subject = subject_of(article.source)
    item = Item(
        id=str(article.pk),
        text=article.text,
        title=article.title,
        published_at=published(article),
        outlet=subject.outlet,
        licensed_press=subject.licensed_press,
        attribution=article.attribution_raw or article.attribution_outlet,
    )
    return Member(article, subject, item)


def assign(article: Article, matches: Sequence[Match]) -> StoryCluster | None:
    """The cluster of ``article`` after joining it with its near-duplicates (None: alone)."""
    ids = [article.pk, *(int(m.id) for m in matches)]
    with transaction.atomic():
        memberships = dict(
            ClusterMember.objects.filter(article_id__in=ids).values_list("article_id", "cluster_id")
        )
        if not matches:
            cluster_id = memberships.get(article.pk)
            return StoryCluster.objects.filter(pk=cluster_id).first() if cluster_id else None
        cluster_ids = sorted(set(memberships.values()))
        if cluster_ids:
            cluster = StoryCluster.objects.get(pk=cluster_ids[0])
            others = cluster_ids[1:]
            if others:
                ClusterMember.objects.filter(cluster_id__in=others).update(cluster=cluster)
                StoryCluster.objects.filter(pk__in=others).delete()
        else:
            cluster, _ = StoryCluster.objects.get_or_create(key=f"c-{min(ids)}")
        for article_id in ids:
            if article_id not in memberships:
                ClusterMember.objects.get_or_create(
                    article_id=article_id, defaults={"cluster": cluster}
                )
        measure(cluster)
    return cluster


def members(cluster: StoryCluster) -> list[Member]:
    articles = Article.objects.filter(cluster_member__cluster=cluster).select_related(
        *SOURCE_RELATED
    )
    return sorted((as_member(a) for a in articles), key=lambda m: original_key(m.item))


def measure(cluster: StoryCluster) -> None:
    """Original, lags, similarities and attribution of every member; the cluster's figures."""
    found = members(cluster)
    if not found:
        cluster.delete()
        return
    original = found[0]
    original_shingles = shingle_set(original.article.text)
    rows = {m.article_id: m for m in ClusterMember.objects.filter(cluster=cluster)}
    for member in found:
        row = rows[member.article.pk]
        _measure_member(row, member, original, original_shingles)
    moments = [published(m.article) for m in found]
    cluster.original = original.article
    cluster.first_seen, cluster.last_seen = min(moments), max(moments)
    cluster.size = len(found)
    cluster.outlets = len({m.subject.key for m in found})
    cluster.save()


def _measure_member(
    row: ClusterMember, member: Member, original: Member, original_shingles: ShingleSet
) -> None:
    is_original = member.article.pk == original.article.pk
    if is_original:
        jaccard = containment = 1.0
        lag: float | None = 0.0
        attributed = False
    else:
        jaccard, containment = overlap(shingle_set(member.article.text), original_shingles)
        delta = published(member.article) - published(original.article)
        lag = round(delta.total_seconds() / 60, 1)
        attributed = bool(member.article.attribution_outlet) and credits(
            member.item, original.subject.outlet
        )
    values = {
        "is_original": is_original,
        "similarity": round(max(jaccard, containment), 4),
        "jaccard": round(jaccard, 4),
        "containment": round(containment, 4),
        "lag_minutes": lag,
        "attributed": attributed,
        "outlet": member.subject.outlet[:250],
    }
    if any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()


def candidate_source(article: Article) -> Member | None:
    """The earliest member of the article's cluster published by another outlet, if any."""
    row = ClusterMember.objects.filter(article_id=article.pk).first()
    if row is None:
        return None
    own = subject_of(article.source).key
    for member in members(row.cluster):
        if member.article.pk != article.pk and member.subject.key != own:
            return member
    return None
