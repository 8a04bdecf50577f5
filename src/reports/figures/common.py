"""Plain-value dataclasses shared by several report kinds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from reports.figures.articles import TONES, percentages


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: int
    title: str
    url: str
    outlet: str
    published: datetime.datetime | None
    tone: str

    @classmethod
    def of(cls, values: dict[str, Any]) -> ArticleRef:
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ToneShare:
    tone: str
    count: int
    percent: float


def tone_shares(counts: dict[str, int]) -> tuple[ToneShare, ...]:
    ordered = [counts.get(str(tone), 0) for tone in TONES]
    return tuple(
        ToneShare(str(tone), n, share)
        for tone, n, share in zip(TONES, ordered, percentages(ordered), strict=True)
    )


@dataclass(frozen=True, slots=True)
class Issue:
    """A sector or a locality with its article count, negative count and a few examples."""

    code: str
    name: str
    articles: int
    negative: int
    examples: tuple[ArticleRef, ...]


@dataclass(frozen=True, slots=True)
class DayCount:
    day: datetime.date
    positive: int
    neutral: int
    negative: int

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative
