"""Builders of the reports tests: outlets, articles with their analyses at given local times
(fictional content), and the October 2026 data set the figures tests count by hand."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from typing import Any

from analysis.models import ArticleAnalysis
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article, Source
from registry.choices import AgencyLevel
from registry.models import PressAgency

ZONE = datetime.timezone(datetime.timedelta(hours=7))
_COUNTER = itertools.count(1)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A local (UTC+7) moment."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def outlet(name: str, level: str | None) -> Source:
    """A monitored source; a press agency of ``level`` stands behind it unless ``level`` is None."""
    agency = None
    if level is not None:
        agency = PressAgency.objects.create(name=name, level=level, media_types=["bao_dien_tu"])
    number = next(_COUNTER)
    return Source.objects.create(
        name=name,
        kind=SourceKind.FEED,
        url=f"https://nguon{number}.example.vn/rss",
        press_agency=agency,
    )


def article(
    source: Source,
    when: datetime.datetime | None,
    *,
    tone: str = "neutral",
    sectors: list[str] | None = None,
    localities: list[str] | None = None,
    about: bool = True,
    discovered: datetime.datetime | None = None,
    score: float | None = None,
    title: str = "",
) -> Article:
    number = next(_COUNTER)
    title = title or f"Tin thử nghiệm số {number}"
    item = Article.objects.create(
        source=source,
        url=f"https://bao.example.vn/tin-{number}",
        url_key=f"bao.example.vn/tin-{number}",
        title=title,
        text="Nội dung thử nghiệm.",
        status=ArticleStatus.EXTRACTED,
        published_at=when,
        content_hash=hashlib.sha256(f"{number}".encode()).hexdigest(),
    )
    if discovered is not None:
        Article.objects.filter(pk=item.pk).update(discovered_at=discovered)
    default_score = {"positive": 0.5, "negative": -0.5}.get(tone, 0.0)
    ArticleAnalysis.objects.create(
        article=item,
        about_province=about,
        localities=localities or [],
        sectors=sectors or [],
        tone=tone,
        tone_score=default_score if score is None else score,
    )
    return item


OCT = datetime.date(2026, 10, 1)


def october_articles() -> dict[str, Any]:
    """Seven articles about the province in October 2026 (and three that must not count).

    own press (1 agency): positive y_te @bac-gia-nghia · positive giao_duc · negative y_te
    @bac-gia-nghia+gia-nghia; outside press (1 agency): neutral y_te · negative xay_dung
    @gia-nghia; other sources (1 site): positive, no sector, 31/10 23:30 local · neutral with no
    publication time, discovered 01/10 00:30 local. Not counted: an article not about the
    province, one of 30/09 23:30 local and one of 01/11 00:30 local.
    """
    own = outlet("Báo Cao Nguyên Thử", AgencyLevel.PROVINCIAL)
    outside = outlet("Báo Trung Ương Thử", AgencyLevel.CENTRAL)
    site = outlet("Trang tin tổng hợp Thử", None)
    d = OCT
    made = {
        "own_pos": article(
            own,
            at(d.replace(day=5)),
            tone="positive",
            sectors=["y_te"],
            localities=["bac-gia-nghia"],
            score=0.9,
        ),
        "own_pos2": article(
            own, at(d.replace(day=5), 15), tone="positive", sectors=["giao_duc"], score=0.4
        ),
        "own_neg": article(
            own,
            at(d.replace(day=6)),
            tone="negative",
            sectors=["y_te", "xay_dung"],
            localities=["bac-gia-nghia", "gia-nghia"],
            score=-0.9,
        ),
        "out_neu": article(outside, at(d.replace(day=6)), tone="neutral", sectors=["y_te"]),
        "out_neg": article(
            outside,
            at(d.replace(day=20)),
            tone="negative",
            sectors=["xay_dung"],
            localities=["gia-nghia"],
            score=-0.3,
        ),
        "site_pos": article(site, at(d.replace(day=31), 23, 30), tone="positive"),
        "site_neu": article(site, None, tone="neutral", discovered=at(d, 0, 30)),
    }
    article(own, at(d.replace(day=7)), tone="negative", sectors=["y_te"], about=False)
    article(own, at(datetime.date(2026, 9, 30), 23, 30), tone="negative", sectors=["y_te"])
    article(outside, at(datetime.date(2026, 11, 1), 0, 30), tone="negative", sectors=["y_te"])
    return {"own": own, "outside": outside, "site": site, **made}
