"""Evidence attached to a case: WARC captures and uploads, fixed once captured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import CaptureState, EvidenceKind
from cases.models.storage import case_files
from core.models import ChangeLoggedModel


class ImmutableEvidenceError(Exception):
    """Evidence cannot be changed or removed once captured (nor removed at all)."""


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableEvidenceError("evidence is immutable once attached")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableEvidenceError("evidence is immutable once attached")


class Evidence(ChangeLoggedModel):
    """One piece of evidence: the WARC record of a URL captured in the background after it was
    asked for, the already stored raw HTML of a monitored article written as a WARC record, or an
    uploaded file. ``sha256`` is the hash of the stored file; once ``capture_state`` is
    *captured* the row and the file never change (``created_at`` is when it was asked for;
    ``captured_at`` when the page was fetched). A URL row starts *capturing* (only the URL is
    known); the capture job fills the file, hashes and time, or records why it *failed* (a failed
    capture may be tried again)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    url = models.URLField(_("address (URL)"), max_length=1000, blank=True)
    final_url = models.URLField(_("final address"), max_length=1000, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=150, blank=True)
    article = models.ForeignKey(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assignment = models.ForeignKey(
        "cases.Assignment",
        verbose_name=_("attached with the answer of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    capture_state = models.CharField(
        _("capture"),
        max_length=12,
        choices=CaptureState.choices,
        default=CaptureState.CAPTURED,
        db_index=True,
    )
    failure = models.CharField(_("why the capture failed"), max_length=500, blank=True)
    capture_attempts = models.PositiveSmallIntegerField(_("capture attempts"), default=0)
    file = models.FileField(_("file"), storage=case_files, upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=250, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    payload_sha256 = models.CharField(_("SHA-256 of the page"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    captured_at = models.DateTimeField(_("captured"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = (models.F("captured_at").asc(nulls_last=True), "pk")
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.url or self.original_name or f"#{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Create, or complete a capture; a captured row (as stored) never changes."""
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("capture_state", flat=True)
            if stored.first() in (None, CaptureState.CAPTURED):
                raise ImmutableEvidenceError("evidence is immutable once captured")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableEvidenceError("evidence is immutable once attached")

    @property
    def is_captured(self) -> bool:
        return self.capture_state == CaptureState.CAPTURED

    @property
    def is_pending(self) -> bool:
        return self.capture_state == CaptureState.CAPTURING

    @property
    def file_name(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]
