"""Test helpers of the analysis app: sources, articles, analyses and rules (fictional content)."""

from __future__ import annotations

import hashlib
import itertools
from datetime import datetime
from typing import Any

from django.utils import timezone

from analysis.choices import Batching, Channel, RuleKind, ToneLabel
from analysis.models import AlertRule, ArticleAnalysis
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article, Source

_COUNTER = itertools.count(1)


def make_source(name: str = "Báo Thử Nghiệm", kind: str = SourceKind.FEED) -> Source:
    return Source.objects.create(name=name, kind=kind, url=f"https://bao{next(_COUNTER)}.vn/rss")


def make_article(
    title: str = "Tin thử",
    text: str = "Nội dung thử nghiệm.",
    *,
    source: Source | None = None,
    published_at: datetime | None = None,
    **fields: Any,
) -> Article:
    number = next(_COUNTER)
    source = source or make_source()
    return Article.objects.create(
        source=source,
        url=f"https://bao.example.vn/tin-{number}",
        url_key=f"bao.example.vn/tin-{number}",
        title=title,
        text=text,
        status=ArticleStatus.EXTRACTED,
        published_at=published_at or timezone.now(),
        content_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
        **fields,
    )


def make_analysis(article: Article, **fields: Any) -> ArticleAnalysis:
    values: dict[str, Any] = {
        "about_province": True,
        "localities": [],
        "units": [],
        "sectors": ["y_te"],
        "tone": ToneLabel.NEGATIVE,
        "tone_score": -0.6,
        "explanation": [["tone.drivers", {"label": "negative", "words": ["sạt lở"]}]],
    }
    values.update(fields)
    return ArticleAnalysis.objects.create(article=article, **values)


def make_rule(
    kind: str = RuleKind.NEGATIVE_ABOUT_PROVINCE,
    *,
    channels: list[str] | None = None,
    batching: str = Batching.IMMEDIATE,
    users: list[Any] = (),  # type: ignore[assignment]
    units: list[Any] = (),  # type: ignore[assignment]
    **fields: Any,
) -> AlertRule:
    rule = AlertRule.objects.create(
        name=fields.pop("name", f"Quy tắc {next(_COUNTER)}"),
        kind=kind,
        channels=channels if channels is not None else [Channel.INBOX],
        batching=batching,
        **fields,
    )
    rule.users.set(users)
    rule.units.set(units)
    return rule
