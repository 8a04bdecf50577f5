"""Receivers of monitoring's signals: they only enqueue durable jobs."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from analysis import tasks
from monitoring.models import Article
from monitoring.signals import article_stored


@receiver(article_stored, dispatch_uid="analysis.article_stored")
def on_article_stored(sender: Any, article_id: int, **kwargs: Any) -> None:
    content_hash = (
        Article.objects.filter(pk=article_id).values_list("content_hash", flat=True).first()
    )
    tasks.enqueue_analysis(article_id, content_hash or "")
