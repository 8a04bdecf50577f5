"""Figures of the overview page: daily volume and tone by locality and sector."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models.functions import Coalesce
from django.utils import timezone

from analysis.choices import ToneLabel
from analysis.models import ArticleAnalysis


@dataclass(frozen=True, slots=True)
class Overview:
    days: list[date]
    tone_by_day: dict[str, list[int]]  # tone label → count per day
    localities: list[tuple[str, int, int]]  # (code, articles, negative), most first
    sectors: list[tuple[str, int, int]]


def build_overview(
    *,
    days: int,
    locality: str = "",
    sector: str = "",
    province_only: bool = True,
    today: date | None = None,
) -> Overview:
    """Counts over the last ``days`` days (by publication, else discovery, local time)."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    day_list = [first + timedelta(days=i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    rows = ArticleAnalysis.objects.annotate(
        moment=Coalesce("article__published_at", "article__discovered_at")
    ).filter(
        moment__date__gte=first - timedelta(days=1), moment__date__lte=today + timedelta(days=1)
    )
    if province_only:
        rows = rows.filter(about_province=True)
    tone_by_day = {label: [0] * days for label in ToneLabel.values}
    by_locality: Counter[str] = Counter()
    neg_locality: Counter[str] = Counter()
    by_sector: Counter[str] = Counter()
    neg_sector: Counter[str] = Counter()
    values: Any = rows.values_list("moment", "tone", "localities", "sectors")
    for moment, tone, localities, sectors in values:
        position = index.get(timezone.localdate(moment))
        if position is None:
            continue
        places = set(localities or ())
        primary = sectors[0] if sectors else ""
        if (locality and locality not in places) or (sector and primary != sector):
            continue
        negative = tone == ToneLabel.NEGATIVE
        if tone in tone_by_day:
            tone_by_day[tone][position] += 1
        for code in places:
            by_locality[code] += 1
            neg_locality[code] += negative
        if primary:
            by_sector[primary] += 1
            neg_sector[primary] += negative
    return Overview(
        days=day_list,
        tone_by_day=tone_by_day,
        localities=[(c, n, neg_locality[c]) for c, n in by_locality.most_common(15)],
        sectors=[(c, n, neg_sector[c]) for c, n in by_sector.most_common()],
    )
