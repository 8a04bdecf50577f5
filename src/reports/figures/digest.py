"""Figures of the press digest (điểm tin, daily or weekly; domain.md §5, suggested structure).

Headline figures, notable positive items, items reporting problems (each with outlet, place, the
unit that should follow it up and a proposal), the most re-told stories (story clusters, social
accounts marked) and the false claims seen again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from analysis import routing, runtime
from analysis.choices import ToneLabel
from cases.models import Case
from findings.choices import Detector, FindingStatus
from findings.models import FalseClaim, Finding, StoryCluster
from reports.figures.articles import ArticleFilter, group_counts, outlet_name, tone_counts
from reports.figures.common import ToneShare, tone_shares
from reports.periods import Period

POSITIVE_ITEMS = 10
PROBLEM_ITEMS = 20
HOT_TOPICS = 5


@dataclass(frozen=True, slots=True)
class DigestItem:
    id: int
    title: str
    url: str
    outlet: str
    published: datetime.datetime | None
    localities: tuple[str, ...]
    units: tuple[str, ...]  # proposed responsible units (analysis routing)
    proposal: str
    case: str  # the number of a case already opened on it, or ""


@dataclass(frozen=True, slots=True)
class HotTopic:
    title: str
    url: str
    articles: int
    outlets: int
    social: bool  # a social account re-told it
    first_seen: datetime.datetime | None


@dataclass(frozen=True, slots=True)
class ClaimSeen:
    claim: str
    label: str
    items: int
    subjects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    period: Period
    articles: int
    outlets: int
    tones: tuple[ToneShare, ...]
    positive: tuple[DigestItem, ...]
    problems: tuple[DigestItem, ...]
    hot_topics: tuple[HotTopic, ...]
    false_claims: tuple[ClaimSeen, ...]

    def tone(self, label: str) -> ToneShare:
        return next(share for share in self.tones if share.tone == label)


def _proposal(units: list[str], case: str) -> str:
    """The proposal line of a problem item (document text: Vietnamese, like the whole digest)."""
    if case:
        return f"Đang xử lý theo vụ việc số {case}; tiếp tục theo dõi kết quả trả lời."
    if units:
        return f"Đề nghị {', '.join(units)} kiểm tra, xác minh, xử lý và thông tin cho báo chí."
    return "Đề nghị xác minh thông tin và xác định đơn vị theo dõi, xử lý."


def _items(
    filter_: ArticleFilter, order: tuple[str, ...], limit: int, *, routed: bool
) -> tuple[DigestItem, ...]:
    rows = list(
        filter_.analyses().select_related("article__source__press_agency").order_by(*order)[:limit]
    )
    cases: dict[int, str] = {}
    if routed and rows:
        links = Case.articles.through.objects.filter(
            article_id__in=[row.article_id for row in rows]
        ).select_related("case")
        for link in links.order_by("case__year", "case__sequence"):
            cases.setdefault(link.article_id, link.case.number)
    items = []
    for row in rows:
        article = row.article
        moment = article.published_at or article.discovered_at
        day = timezone.localdate(moment)
        units = (
            [u.name for u in routing.routed_units(row.sectors or [], row.localities or [], day)]
            if routed
            else []
        )
        case = cases.get(article.pk, "")
        items.append(
            DigestItem(
                id=article.pk,
                title=article.title or article.url,
                url=article.url,
                outlet=outlet_name(article),
                published=timezone.localtime(moment),
                localities=tuple(runtime.place_name(c) for c in row.localities or []),
                units=tuple(units),
                proposal=_proposal(units, case) if routed else "",
                case=case,
            )
        )
    return tuple(items)


def hot_topics(period: Period, limit: int = HOT_TOPICS) -> tuple[HotTopic, ...]:
    """Stories re-told by several outlets in the period, widest first; social ones marked."""
    low, high = period.bounds()
    clusters = (
        StoryCluster.objects.filter(last_seen__gte=low, first_seen__lt=high, size__gte=2)
        .select_related("original")
        .order_by("-outlets", "-size", "-last_seen")[:limit]
    )
    picked = list(clusters)
    social = set(
        StoryCluster.objects.filter(
            pk__in=[c.pk for c in picked],
            members__article__source__social_account__isnull=False,
        ).values_list("pk", flat=True)
    )
    return tuple(
        HotTopic(
            title=str(cluster),
            url=cluster.original.url if cluster.original else "",
            articles=cluster.size,
            outlets=cluster.outlets,
            social=cluster.pk in social,
            first_seen=timezone.localtime(cluster.first_seen) if cluster.first_seen else None,
        )
        for cluster in picked
    )


def false_claims(period: Period) -> tuple[ClaimSeen, ...]:
    """False claims repeated in the period (findings of the claims detector not rejected)."""
    low, high = period.bounds()
    moment = Q(occurred_at__gte=low, occurred_at__lt=high) | Q(
        occurred_at__isnull=True, detected_at__gte=low, detected_at__lt=high
    )
    seen = Finding.objects.filter(moment, detector=Detector.CLAIMS).exclude(
        status=FindingStatus.REJECTED
    )
    items: dict[int, int] = defaultdict(int)
    subjects: dict[int, set[str]] = defaultdict(set)
    for figures, subject in seen.values_list("figures", "subject_label").iterator():
        claim_id = (figures or {}).get("claim_id")
        if isinstance(claim_id, int):
            items[claim_id] += 1
            subjects[claim_id].add(subject)
    claims = FalseClaim.objects.in_bulk(list(items))
    found = [
        ClaimSeen(
            claim=claims[claim_id].text,
            label=claims[claim_id].get_label_display(),
            items=n,
            subjects=tuple(sorted(subjects[claim_id])),
        )
        for claim_id, n in items.items()
        if claim_id in claims
    ]
    return tuple(sorted(found, key=lambda c: (-c.items, c.claim)))


def digest(period: Period) -> Digest:
    base = ArticleFilter(period)
    rows = base.analyses()
    groups = group_counts(rows)
    positive = _items(
        ArticleFilter(period, tone=ToneLabel.POSITIVE),
        ("-tone_score", "-article__published_at", "-article_id"),
        POSITIVE_ITEMS,
        routed=False,
    )
    problems = _items(
        ArticleFilter(period, tone=ToneLabel.NEGATIVE),
        ("tone_score", "-article__published_at", "-article_id"),
        PROBLEM_ITEMS,
        routed=True,
    )
    return Digest(
        period=period,
        articles=sum(g.articles for g in groups.values()),
        outlets=sum(g.outlets for g in groups.values()),
        tones=tone_shares(tone_counts(rows)),
        positive=positive,
        problems=problems,
        hot_topics=hot_topics(period),
        false_claims=false_claims(period),
    )
