"""Article queries shared by the figures and the lists behind them.

An article belongs to a period by its publication time, or its discovery time when the outlet
gave none (the rule of the analysis overview). Aggregations run in the database: localities are
a JSON list per article, unnested with ``json_each`` (SQLite) or ``jsonb_array_elements_text``
(PostgreSQL); the primary sector is the first element of ``sectors``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from analysis.choices import ToneLabel
from analysis.models import ArticleAnalysis
from monitoring.models import Article
from registry.choices import AgencyLevel
from reports.periods import Period

#: Outlet groups of the briefing: the province's own press, press from outside, everything else.
OWN, OUTSIDE, OTHER = "own", "outside", "other"
GROUPS = (OWN, OUTSIDE, OTHER)
TONES = (ToneLabel.POSITIVE, ToneLabel.NEUTRAL, ToneLabel.NEGATIVE)


def in_period(period: Period, prefix: str = "") -> Q:
    """Articles (``prefix`` = path to the article) published, or else discovered, in the period."""
    low, high = period.bounds()
    published = Q(**{f"{prefix}published_at__gte": low, f"{prefix}published_at__lt": high})
    discovered = Q(
        **{
            f"{prefix}published_at__isnull": True,
            f"{prefix}discovered_at__gte": low,
            f"{prefix}discovered_at__lt": high,
        }
    )
    return published | discovered


def group_filter(group: str, prefix: str = "article__") -> Q:
    level = f"{prefix}source__press_agency__level"
    if group == OWN:
        return Q(**{level: AgencyLevel.PROVINCIAL})
    if group == OUTSIDE:
        return Q(**{f"{level}__in": [AgencyLevel.CENTRAL, AgencyLevel.OTHER_PROVINCE]})
    return Q(**{f"{prefix}source__press_agency__isnull": True})


def group_of(level: str | None) -> str:
    if level == AgencyLevel.PROVINCIAL:
        return OWN
    if level in (AgencyLevel.CENTRAL, AgencyLevel.OTHER_PROVINCE):
        return OUTSIDE
    return OTHER


def locality_filter(code: str) -> Q:
    """Analyses that name the place ``code`` (codes are ASCII slugs, stored quoted in JSON)."""
    return Q(localities__icontains=f'"{code}"')


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What a figure counts: the province's articles of a period, narrowed down."""

    period: Period
    tone: str = ""
    sector: str = ""  # primary sector code
    locality: str = ""
    group: str = ""  # OWN, OUTSIDE, OTHER
    about_province: bool = True

    def analyses(self) -> QuerySet[ArticleAnalysis]:
        rows = ArticleAnalysis.objects.filter(in_period(self.period, "article__"))
        if self.about_province:
            rows = rows.filter(about_province=True)
        if self.tone:
            rows = rows.filter(tone=self.tone)
        if self.sector:
            rows = rows.filter(sectors__0=self.sector)
        if self.locality:
            rows = rows.filter(locality_filter(self.locality))
        if self.group:
            rows = rows.filter(group_filter(self.group))
        return rows

    def articles(self) -> QuerySet[Article]:
        """The articles themselves, newest first."""
        return (
            Article.objects.filter(pk__in=self.analyses().values("article_id"))
            .select_related("source__press_agency", "analysis")
            .order_by("-published_at", "-discovered_at", "-pk")
        )

    def query(self) -> dict[str, str]:
        """The GET parameters of the list page that shows these articles."""
        values = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        for name in ("tone", "sector", "locality", "group"):
            if getattr(self, name):
                values[name] = str(getattr(self, name))
        return values


def tone_counts(rows: QuerySet[ArticleAnalysis]) -> dict[str, int]:
    counts = {str(tone): 0 for tone in TONES}
    for tone, n in rows.order_by().values_list("tone").annotate(n=Count("pk")):
        counts[str(tone)] = n
    return counts


@dataclass(frozen=True, slots=True)
class GroupCount:
    group: str
    outlets: int
    articles: int


def group_counts(rows: QuerySet[ArticleAnalysis]) -> dict[str, GroupCount]:
    """Per outlet group: distinct outlets (press agencies, else sources) and articles."""
    found: dict[str, tuple[int, int]] = {}
    by_level = (
        rows.order_by()
        .values_list("article__source__press_agency__level")
        .annotate(
            agencies=Count("article__source__press_agency", distinct=True),
            sources=Count("article__source", distinct=True),
            n=Count("pk"),
        )
    )
    for level, agencies, sources, n in by_level:
        group = group_of(level)
        outlets = sources if group == OTHER else agencies
        before = found.get(group, (0, 0))
        found[group] = (before[0] + outlets, before[1] + n)
    return {g: GroupCount(g, *found.get(g, (0, 0))) for g in GROUPS}


def sector_counts(rows: QuerySet[ArticleAnalysis], limit: int) -> list[tuple[str, int, int]]:
    """(primary sector, articles, negative), most first; articles without a sector left out."""
    negative = Count("pk", filter=Q(tone=ToneLabel.NEGATIVE))
    grouped = (
        rows.annotate(primary=KT("sectors__0"))
        .order_by()
        .values_list("primary")
        .annotate(n=Count("pk"), neg=negative)
        .order_by("-n", "primary")
    )
    found = [(str(code), n, neg) for code, n, neg in grouped if code]  # one row per sector
    return found[:limit]


def locality_counts(rows: QuerySet[ArticleAnalysis], limit: int) -> list[tuple[str, int, int]]:
    """(place code, articles, negative), most first: the JSON lists unnested in the database."""
    inner, params = rows.order_by().values("localities", "tone").query.sql_with_params()
    if connection.vendor == "postgresql":
        unnest = "CROSS JOIN LATERAL jsonb_array_elements_text(a.localities) AS j(value)"
    else:
        unnest = "CROSS JOIN json_each(a.localities) AS j"
    sql = (
        "SELECT j.value, COUNT(*), SUM(CASE WHEN a.tone = %s THEN 1 ELSE 0 END) "
        f"FROM ({inner}) AS a {unnest} "
        "GROUP BY j.value ORDER BY COUNT(*) DESC, j.value LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ToneLabel.NEGATIVE.value, *params, limit])
        return [(str(code), int(n), int(neg or 0)) for code, n, neg in cursor.fetchall()]


def per_day(
    rows: QuerySet[ArticleAnalysis], period: Period
) -> list[tuple[datetime.date, dict[str, int]]]:
    """Articles per local day and tone, every day of the period listed."""
    zone = timezone.get_current_timezone()
    moment = Coalesce("article__published_at", "article__discovered_at")
    grouped = (
        rows.annotate(day=TruncDate(moment, tzinfo=zone))
        .order_by()
        .values_list("day", "tone")
        .annotate(n=Count("pk"))
    )
    table: dict[datetime.date, dict[str, int]] = {
        d: {str(t): 0 for t in TONES} for d in period.day_list()
    }
    for day, tone, n in grouped:
        if day in table and str(tone) in table[day]:
            table[day][str(tone)] += n
    return sorted(table.items())


def examples(rows: QuerySet[ArticleAnalysis], limit: int) -> list[dict[str, Any]]:
    """A few articles of a figure (most negative first, then newest) as plain values."""
    picked = (
        rows.select_related("article__source__press_agency")
        .order_by("tone_score", "-article__published_at", "-article_id")
        .only(
            "tone",
            "tone_score",
            "article__title",
            "article__url",
            "article__published_at",
            "article__discovered_at",
            "article__source__name",
            "article__source__press_agency__name",
        )[:limit]
    )
    return [article_values(row.article, row.tone) for row in picked]


def outlet_name(article: Article) -> str:
    agency = article.source.press_agency
    return agency.name if agency is not None else article.source.name


def article_values(article: Article, tone: str) -> dict[str, Any]:
    return {
        "id": article.pk,
        "title": article.title or article.url,
        "url": article.url,
        "outlet": outlet_name(article),
        "published": timezone.localtime(article.published_at or article.discovered_at),
        "tone": tone,
    }


def percentages(counts: Sequence[int]) -> list[float]:
    """Shares in per cent, one decimal (all 0 when there is nothing to share)."""
    total = sum(counts)
    if not total:
        return [0.0 for _ in counts]
    return [round(100 * n / total, 1) for n in counts]
