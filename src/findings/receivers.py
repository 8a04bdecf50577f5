"""Receivers of monitoring's signals: they only enqueue durable jobs."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from findings import tasks
from monitoring.models import Article
from monitoring.signals import article_removed, article_stored


@receiver(article_stored, dispatch_uid="findings.article_stored")
def on_article_stored(sender: Any, article_id: int, **kwargs: Any) -> None:
    edited, forced = bool(kwargs.get("edited")), bool(kwargs.get("forced"))
    content_hash = (
        Article.objects.filter(pk=article_id).values_list("content_hash", flat=True).first()
    )
    tasks.enqueue_check(article_id, content_hash or "", edited=edited, forced=forced)


@receiver(article_removed, dispatch_uid="findings.article_removed")
def on_article_removed(sender: Any, article_id: int, **kwargs: Any) -> None:
    tasks.enqueue_removed(article_id)
