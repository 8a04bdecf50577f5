"""Attach evidence to a case: capture a URL as a WARC record (in the background: the row is
created "capturing" and the durable job ``cases.capture_evidence`` fills it), write an article's
stored raw page as a WARC record, or keep an uploaded file. Each gets its SHA-256 and capture
time and is never changed once captured (``Evidence`` refuses it, and refuses deletes)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.choices import CaptureState, EvidenceKind
from cases.evidence import capture
from cases.models import Assignment, Case, Evidence
from cases.workflow import record
from core import jobs
from core.context import acting
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


CAPTURE_JOB = "cases.capture_evidence"


def _enqueue(evidence: Evidence) -> None:
    key = f"{CAPTURE_JOB}:{evidence.pk}:{evidence.capture_attempts}"
    jobs.enqueue(CAPTURE_JOB, evidence.pk, dedup_key=key)


def request_capture(case: Case, actor: Any, url: str, note: str = "") -> Evidence:
    """Create the evidence row "capturing" with its URL and hand the capture to a job."""
    with transaction.atomic(), acting(user=actor, comment="capture requested"):
        evidence = Evidence.objects.create(
            case=case,
            kind=EvidenceKind.URL,
            url=url,
            note=note,
            capture_state=CaptureState.CAPTURING,
            capture_attempts=1,
            added_by=actor if getattr(actor, "pk", None) else None,
        )
        record(case, actor, "evidence_requested", url)
        _enqueue(evidence)
    return evidence


def run_capture(evidence_id: int) -> Evidence | None:
    """The job's work: fetch the URL (outside any transaction, up to the capture timeout), then
    store the WARC file, hashes and time on the row, unless it was completed meanwhile. A
    network failure marks the row failed with the reason (the user may try again)."""
    evidence = Evidence.objects.select_related("case", "added_by").filter(pk=evidence_id).first()
    if evidence is None or evidence.capture_state != CaptureState.CAPTURING:
        return evidence  # gone, captured already, or failed and not retried
    actor = evidence.added_by
    try:
        captured = capture.capture_url(evidence.url, operator=_operator(actor))
    except capture.CaptureError as error:
        mark_failed(evidence_id, str(error))
        return None
    with transaction.atomic(), acting(user=actor, comment="captured"):
        current = Evidence.objects.select_for_update().get(pk=evidence_id)
        if current.capture_state != CaptureState.CAPTURING:
            return current
        current.final_url = captured.final_url or ""
        current.http_status = captured.status
        current.content_type = (captured.content_type or "")[:150]
        current.payload_sha256 = captured.payload_sha256 or ""
        current.captured_at = captured.captured_at
        current.capture_state = CaptureState.CAPTURED
        current.failure = ""
        current.sha256 = _sha256(captured.warc_bytes)
        current.size = len(captured.warc_bytes)
        current.file.save(
            _name(current.case, captured), ContentFile(captured.warc_bytes), save=False
        )
        current.save()
        record(current.case, actor, "evidence", str(current))
    return current


def mark_failed(evidence_id: int, reason: str) -> bool:
    """Record why the capture failed (only on a row still capturing)."""
    with transaction.atomic():
        current = Evidence.objects.select_for_update().filter(pk=evidence_id).first()
        if current is None or current.capture_state != CaptureState.CAPTURING:
            return False
        with acting(user=current.added_by, comment="capture failed"):
            current.capture_state = CaptureState.FAILED
            current.failure = reason[:500]
            current.save()
            record(current.case, current.added_by, "evidence_failed", f"{current.url}: {reason}")
    return True


def retry_capture(evidence: Evidence, actor: Any) -> bool:
    """Try a failed capture again (a new job); False when the row is not failed."""
    with transaction.atomic(), acting(user=actor, comment="capture retried"):
        current = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if current.capture_state != CaptureState.FAILED:
            return False
        current.capture_state = CaptureState.CAPTURING
        current.failure = ""
        current.capture_attempts += 1
        current.save()
        record(current.case, actor, "evidence_requested", current.url)
        _enqueue(current)
    return True


def attach_url(case: Case, actor: Any, url: str, note: str = "") -> Evidence:
    """Fetch ``url`` now, in the caller's time, and keep the exchange as a WARC record (the
    pages use :func:`request_capture`; this stays for scripts and the shell)."""
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
    html = raw.body
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
