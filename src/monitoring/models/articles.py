"""Articles with their processing state, versions (per content change) and raw pages."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.choices import ArticleStatus, RemovalKind
from monitoring.pipeline import rawbody


class Article(models.Model):
    """One article (or post). ``url_key`` (the canonical URL) is unique: discovering the same
    URL again, from any source or after a crash, never creates a second row."""

    source = models.ForeignKey(
        "monitoring.Source",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    url = models.URLField(_("address (URL)"), max_length=1000)
    url_key = models.CharField(max_length=1000, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ArticleStatus.choices,
        default=ArticleStatus.DISCOVERED,
        db_index=True,
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    discovered_at = models.DateTimeField(_("discovered"), default=timezone.now, db_index=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    feed_title = models.CharField(max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=250, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    canonical_url = models.URLField(max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    title_key = models.CharField(max_length=500, blank=True, db_index=True)
    attribution_outlet = models.CharField(_("attributed outlet"), max_length=250, blank=True)
    attribution_author = models.CharField(_("attributed author"), max_length=250, blank=True)
    attribution_published_at = models.DateTimeField(null=True, blank=True)
    attribution_raw = models.CharField(max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removal_kind = models.CharField(max_length=20, choices=RemovalKind.choices, blank=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    version_count = models.PositiveIntegerField(default=0)
    check_step = models.PositiveSmallIntegerField(default=0)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("-published_at", "-discovered_at", "-pk")
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["source", "title_key"], name="monitoring_article_title")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_hash"],
                condition=~Q(content_hash="") & Q(duplicate_of__isnull=True),
                name="%(app_label)s_%(class)s_unique_content_per_source",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.feed_title or self.url

    def get_absolute_url(self) -> str:
        return reverse("monitoring:article_detail", args=[self.pk])


class ArticleVersion(models.Model):
    """The article's text each time its content changed (the first fetch is version 1)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    fetched_at = models.DateTimeField(default=timezone.now)
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ("article", "fetched_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_hash"], name="%(app_label)s_%(class)s_unique_hash"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.fetched_at:%Y-%m-%d %H:%M}"


class RawPage(models.Model):
    """The fetched HTML, compressed (``monitoring.pipeline.rawbody``), kept for a number of days."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="raw_pages")
    fetched_at = models.DateTimeField(default=timezone.now)
    final_url = models.URLField(max_length=1000)
    http_status = models.PositiveSmallIntegerField()
    encoding = models.CharField(max_length=40, blank=True)
    body_compressed = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    keep_until = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("-fetched_at", "-pk")

    def __str__(self) -> str:
        return f"raw {self.article_id} @ {self.fetched_at:%Y-%m-%d %H:%M}"

    @property
    def body(self) -> bytes:
        """The page as fetched (bytes, before any decoding)."""
        return rawbody.decompress(bytes(self.body_compressed))
