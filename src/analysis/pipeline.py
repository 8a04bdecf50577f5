"""Analyse one stored article: tags, topic matches, alerts (the body of the analysis job)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from analysis import alerting, runtime
from analysis.choices import CorrectionField
from analysis.documents import document_for
from analysis.engine.analyze import Analysis, analyze
from analysis.models import ArticleAnalysis, Correction, TopicMatch
from monitoring.models import Article

ENGINE_VERSION = "1"


@dataclass(frozen=True, slots=True)
class AnalysisOutcome:
    analysis: ArticleAnalysis
    topic_ids: tuple[int, ...]
    alert_count: int


def run_engine(article: Article) -> Analysis:
    tone_model = runtime.TONE_MODEL.get().value
    published = article.published_at or article.discovered_at
    return analyze(
        article.title or article.feed_title,
        article.text,
        lead="",
        gazetteer=runtime.GAZETTEER.get(),
        sector_lexicon=runtime.SECTOR_LEXICON.get(),
        tone_lexicon=runtime.TONE_LEXICON.get(),
        tone_model=tone_model,
        on=timezone.localdate(published),
    )


def explanation_items(result: Analysis) -> list[list[Any]]:
    """The stored explanation: the engine's locality reasons, then sectors and tone."""
    items: list[list[Any]] = [
        [template_id, dict(params)] for template_id, params in result.locality.explanation_items
    ]
    for hit in result.sector_hits[:3]:
        if hit.evidence:
            items.append(["sector.evidence", {"sector": hit.sector, "words": list(hit.evidence)}])
    if result.tone.drivers:
        words = [str(d) for d in result.tone.drivers][:8]
        items.append(["tone.drivers", {"label": result.tone.label, "words": words}])
    return items


def _evidence(result: Analysis) -> dict[str, list[str]]:
    return {hit.sector: list(hit.evidence) for hit in result.sector_hits}


def apply_corrections(row: ArticleAnalysis) -> None:
    """Keep the officers' latest corrections over what the engine says again."""
    latest: dict[str, Any] = {}
    for field, value in (
        Correction.objects.filter(article_id=row.article_id)
        .order_by("at", "pk")
        .values_list("field", "new_value")
    ):
        latest[field] = value
    if not latest:
        return
    row.corrected = True
    if CorrectionField.TONE in latest:
        row.tone = str(latest[CorrectionField.TONE])
    if CorrectionField.SECTORS in latest:
        primary = str(latest[CorrectionField.SECTORS])
        row.sectors = [primary, *[s for s in row.sectors if s != primary]]
    if CorrectionField.ABOUT_PROVINCE in latest:
        row.about_province = bool(latest[CorrectionField.ABOUT_PROVINCE])
    if CorrectionField.LOCALITY in latest:
        row.localities = list(latest[CorrectionField.LOCALITY] or [])


def store_analysis(article: Article, result: Analysis) -> ArticleAnalysis:
    row = ArticleAnalysis(
        article=article,
        about_province=result.about_province,
        localities=list(result.localities),
        units=list(result.units),
        sectors=list(result.sectors),
        sector_evidence=_evidence(result),
        tone=result.tone.label,
        tone_score=float(result.tone.score),
        tone_drivers=[str(d) for d in result.tone.drivers],
        tone_method=str(result.tone.method),
        explanation=explanation_items(result),
        content_hash=article.content_hash,
        analysed_at=timezone.now(),
        engine_version=ENGINE_VERSION,
    )
    apply_corrections(row)
    row.save()
    return row


def percolate(article: Article) -> tuple[int, ...]:
    """The ids of the active topics matching the article; new matches are stored."""
    topic_ids = tuple(sorted(int(i) for i in runtime.PERCOLATOR.get().match(document_for(article))))
    TopicMatch.objects.bulk_create(
        [TopicMatch(topic_id=pk, article=article) for pk in topic_ids], ignore_conflicts=True
    )
    return topic_ids


def analyze_article(article: Article) -> AnalysisOutcome:
    """Tag the article, store the tags and topic matches, and raise the alerts they call for."""
    result = run_engine(article)
    with transaction.atomic():
        row = store_analysis(article, result)
        topic_ids = percolate(article)
        alerts = alerting.evaluate_article(article, row, topic_ids)
    return AnalysisOutcome(row, topic_ids, len(alerts))
