"""Export a whole case as an evidence package (``cases.evidence.package``): its WARC captures
(those still capturing or failed are left out),
uploaded files and letters, the case record, the timeline and a manifest with every hash.

The stored files are read back and their SHA-256 compared with the hash recorded when they were
attached, so a file changed on disk is reported instead of being packaged silently.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils import timezone

from cases.choices import CaptureState, EvidenceKind
from cases.evidence.package import CaseManifest, EvidenceItem, TimelineEvent, build_package
from cases.models import Case, Evidence

WARC_KINDS = (EvidenceKind.URL, EvidenceKind.STORED_RAW)


class TamperedFileError(RuntimeError):
    """A stored file no longer has the hash recorded when it was attached."""


def _read(field: Any, expected: str) -> bytes:
    with field.open("rb") as handle:
        data: bytes = handle.read()
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise TamperedFileError(f"{field.name}: SHA-256 differs from the one recorded")
    return data


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return keep.strip("._") or "file"


def _evidence_path(evidence: Evidence) -> str:
    folder = "evidence" if evidence.kind in WARC_KINDS else "documents/attachments"
    return f"{folder}/{evidence.pk:05d}-{_safe(evidence.file_name)}"


def _item(evidence: Evidence, path: str) -> EvidenceItem:
    assert evidence.captured_at is not None  # only captured rows are packaged
    return EvidenceItem(
        path=path,
        url=evidence.url,
        final_url=evidence.final_url or evidence.url,
        captured_at=evidence.captured_at,
        status=evidence.http_status or 0,
        content_type=evidence.content_type,
        payload_sha256=evidence.payload_sha256,
        kind="stored" if evidence.kind == EvidenceKind.STORED_RAW else "live",
    )


def _record(case: Case) -> dict[str, Any]:
    """The case as data (documents/case.json): assignments, answers, sanctions, publication."""
    publication = getattr(case, "publication", None)
    return {
        "number": case.number,
        "title": case.title,
        "summary": case.summary,
        "intake_kind": case.intake_kind,
        "sector": case.sector_id,
        "state": case.state,
        "subject": case.subject_name,
        "source": case.source_reference(),
        "articles": [{"id": a.pk, "url": a.url, "title": a.title} for a in case.articles.all()],
        "assignments": [
            {
                "unit": a.unit.name,
                "due_date": a.due_date.isoformat(),
                "state": a.state,
                "responded_at": a.responded_at.isoformat() if a.responded_at else None,
                "verification_result": a.verification_result,
                "response_text": a.response_text,
                "response_published": a.response_published,
                "response_url": a.response_url,
                "correction_requested": a.correction_requested,
                "removal_requested": a.removal_requested,
            }
            for a in case.assignments.select_related("unit")
        ],
        "sanctions": [
            {
                "rule": str(s.rule),
                "rule_id": s.rule_id,
                "violator_type": s.violator_type,
                "amount": s.amount,
                "status": s.status,
                "override_confirmed": s.override_confirmed,
                "override_reason": s.override_reason,
                "decision_number": s.decision_number,
                "decision_date": s.decision_date.isoformat() if s.decision_date else None,
            }
            for s in case.sanctions.select_related("rule")
        ],
        "publication": {"fields": publication.fields, "content": publication.content}
        if publication
        else None,
    }


def export_case(case: Case) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the case's evidence package."""
    files: dict[str, bytes] = {}
    items: list[EvidenceItem] = []
    timeline: list[TimelineEvent] = []
    for evidence in case.evidence.filter(capture_state=CaptureState.CAPTURED):
        path = _evidence_path(evidence)
        files[path] = _read(evidence.file, evidence.sha256)
        if evidence.kind in WARC_KINDS:
            items.append(_item(evidence, path))
        timeline.append(
            TimelineEvent(at=evidence.created_at, kind="evidence", text=str(evidence), ref=path)
        )
    for letter in case.letters.all():
        if letter.file:
            base = (letter.file.name or "letter.docx").rsplit("/", 1)[-1]
            path = f"documents/letters/{letter.pk:05d}-{_safe(base)}"
            files[path] = _read(letter.file, letter.sha256)
            timeline.append(
                TimelineEvent(at=letter.created_at, kind="letter", text=str(letter), ref=path)
            )
    record = json.dumps(_record(case), ensure_ascii=False, indent=2, sort_keys=True)
    files["documents/case.json"] = (record + "\n").encode("utf-8")
    for event in case.events.all():
        text = f"{event.from_state} → {event.to_state}" if event.to_state else event.action
        timeline.append(
            TimelineEvent(
                at=event.time,
                kind=event.action,
                text=f"{text}: {event.comment}" if event.comment else text,
                actor=event.actor_name,
            )
        )
    now = timezone.now()
    manifest = CaseManifest(
        case_id=case.number,
        title=case.title,
        created_at=now,
        evidence=items,
        timeline=timeline,
        details={
            "state": case.state,
            "intake_kind": case.intake_kind,
            "subject": case.subject_name,
        },
    )
    name = f"ho-so-vu-viec-{case.year}-{case.sequence}-{now:%Y%m%d%H%M%S}.zip"
    return name, build_package(manifest, files)
