"""Receivers of monitoring's signals and of new alerts: they only enqueue durable jobs."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from analysis.models import Alert
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


@receiver(post_save, sender=Alert, dispatch_uid="findings.alert_created")
def on_alert_created(sender: Any, instance: Alert, **kwargs: Any) -> None:
    if kwargs.get("created") and instance.article_id is not None and not kwargs.get("raw"):
        tasks.enqueue_grouping(instance.pk, instance.article_id)
