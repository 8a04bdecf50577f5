"""Attach evidence to a case: capture a URL as a WARC record now, write an article's stored raw
page as a WARC record, or keep an uploaded file. Each gets its SHA-256 and capture time and is
never changed afterwards (``Evidence`` refuses updates and deletes)."""

from __future__ import annotations

import gzip
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.choices import EvidenceKind
from cases.evidence import capture
from cases.models import Assignment, Case, Evidence
from cases.workflow import record
from monitoring.models import Article, RawPage


class EvidenceError(Exception):
    """The evidence could not be captured (message for the user)."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _save(evidence: Evidence, name: str, data: bytes, actor: Any, action: str) -> Evidence:
    evidence.sha256 = _sha256(data)
    evidence.size = len(data)
    evidence.added_by = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        evidence.file.save(name, ContentFile(data), save=False)
        evidence.save()
        record(evidence.case, actor, action, str(evidence))
    return evidence


def _name(case: Case, captured: capture.Capture) -> str:
    return f"case-{case.year}-{case.sequence}-{captured.filename}"


def _operator(actor: Any) -> str:
    return str(getattr(actor, "username", "") or "")


def attach_url(case: Case, actor: Any, url: str, note: str = "") -> Evidence:
    """Fetch ``url`` now and keep the exchange as a WARC record."""
    try:
        captured = capture.capture_url(url, operator=_operator(actor))
    except capture.CaptureError as error:  # network failure: the user is told, nothing is stored
        raise EvidenceError(str(error)) from error
    evidence = Evidence(
        case=case,
        kind=EvidenceKind.URL,
        url=url,
        final_url=captured.final_url or "",
        http_status=captured.status,
        content_type=(captured.content_type or "")[:150],
        payload_sha256=captured.payload_sha256 or "",
        captured_at=captured.captured_at,
        note=note,
    )
    return _save(evidence, _name(case, captured), captured.warc_bytes, actor, "evidence")


def attach_stored_page(case: Case, actor: Any, article: Article, note: str = "") -> Evidence:
    """Write the article's latest stored raw page (already fetched by monitoring) as WARC."""
    raw = RawPage.objects.filter(article=article).order_by("-fetched_at", "-pk").first()
    if raw is None:
        raise EvidenceError("no stored page for this article")
    html = gzip.decompress(bytes(raw.body_gzip))
    charset = f"; charset={raw.encoding}" if raw.encoding else ""
    captured = capture.warc_from_stored(
        raw.final_url or article.url,
        html,
        raw.fetched_at,
        raw.http_status,
        f"text/html{charset}",
        operator=_operator(actor),
    )
    evidence = Evidence(
        case=case,
        kind=EvidenceKind.STORED_RAW,
        url=article.url,
        final_url=raw.final_url,
        http_status=raw.http_status,
        content_type=f"text/html{charset}"[:150],
        article=article,
        payload_sha256=captured.payload_sha256,
        captured_at=captured.captured_at,
        note=note,
    )
    return _save(evidence, _name(case, captured), captured.warc_bytes, actor, "evidence")


def attach_upload(
    case: Case,
    actor: Any,
    upload: UploadedFile[Any],
    *,
    assignment: Assignment | None = None,
    note: str = "",
) -> Evidence:
    data = upload.read()
    name = (upload.name or "file").rsplit("/", 1)[-1][:200]
    evidence = Evidence(
        case=case,
        kind=EvidenceKind.UPLOAD,
        original_name=name,
        content_type=(upload.content_type or "")[:150],
        assignment=assignment,
        captured_at=timezone.now(),
        note=note,
    )
    return _save(evidence, name, data, actor, "attachment")
