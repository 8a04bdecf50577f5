"""The search document: one row per indexed article, the content of the full-text index.

Only portable fields live here. The database-specific index over them is created by migration
``0002_search``: an FTS5 virtual table kept in sync by triggers on SQLite, generated tsvector
columns with GIN indexes on PostgreSQL (see ``monitoring.search``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.choices import SourceKind


class SearchDocument(models.Model):
    """What the full-text index sees of an article, with denormalised filter fields.

    ``title_key``/``body_key`` hold the exact matching keys and ``title_folded``/``body_folded``
    the accent-insensitive keys (``monitoring.search.query``); ``title``/``body`` the readable
    text snippets are cut from. ``published_at`` is the publication time, or the discovery time
    when the article does not say.
    """

    article = models.OneToOneField(
        "monitoring.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    source = models.ForeignKey(
        "monitoring.Source", on_delete=models.CASCADE, related_name="search_documents"
    )
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    outlet_name = models.CharField(max_length=250, blank=True)
    outlet_level = models.CharField(max_length=20, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_key = models.TextField(blank=True)
    body_key = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title or str(self.article_id)
