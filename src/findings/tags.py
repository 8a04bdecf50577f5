"""Sectors and tone of an article, as the analysis layer sees them.

The stored :class:`analysis.models.ArticleAnalysis` is used when it describes the current text
(same content hash); otherwise the analysis engines are run here with the office's lexicons, so a
detector never waits for the analysis job.
"""

from __future__ import annotations

from analysis import runtime
from analysis.engine.sectors import classify
from analysis.engine.tone import score_tone
from analysis.models import ArticleAnalysis
from monitoring.models import Article


def article_sectors(article: Article) -> tuple[str, ...]:
    """The article's sectors, primary first."""
    stored = ArticleAnalysis.objects.filter(article_id=article.pk).first()
    if stored is not None and stored.content_hash == article.content_hash and stored.sectors:
        return tuple(str(s) for s in stored.sectors)
    hits = classify(article.title, "", article.text, lexicon=runtime.SECTOR_LEXICON.get())
    return tuple(hit.sector for hit in hits)


def sectors_of(articles: list[Article]) -> dict[int, tuple[str, ...]]:
    """Sectors of many articles (one query for the stored analyses)."""
    stored = {
        a.article_id: a
        for a in ArticleAnalysis.objects.filter(article_id__in=[x.pk for x in articles])
    }
    found: dict[int, tuple[str, ...]] = {}
    for article in articles:
        analysis = stored.get(article.pk)
        if analysis is not None and analysis.content_hash == article.content_hash:
            found[article.pk] = tuple(str(s) for s in analysis.sectors)
        else:
            found[article.pk] = article_sectors(article)
    return found


def tone_score(title: str, text: str) -> float:
    """Tone of one version of a text, -1 (negative) .. 1 (positive)."""
    model = runtime.TONE_MODEL.get().value
    return score_tone(title, "", text, lexicon=runtime.TONE_LEXICON.get(), model=model).score
