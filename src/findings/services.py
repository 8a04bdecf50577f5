"""Write use-cases and read queries of the findings app shared by views and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from findings.choices import Detector, FindingStatus
from findings.models import FalseClaim, Finding


def review(finding: Finding, user: Any, decision: str, note: str = "") -> Finding:
    """An officer confirms or rejects a finding (stored with who, when and why)."""
    if decision not in {FindingStatus.CONFIRMED, FindingStatus.REJECTED}:
        raise ValueError(f"unknown decision {decision!r}")
    finding.status = decision
    finding.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    finding.reviewed_at = timezone.now()
    finding.review_note = note.strip()
    finding.save()
    return finding


@dataclass(frozen=True)
class DetectorStats:
    detector: str
    label: str
    total: int
    proposed: int
    confirmed: int
    rejected: int

    @property
    def precision(self) -> float | None:
        """confirmed / (confirmed + rejected); None before any review."""
        reviewed = self.confirmed + self.rejected
        return round(self.confirmed / reviewed, 3) if reviewed else None


def detector_stats(findings: QuerySet[Finding]) -> list[DetectorStats]:
    """Counts per detector and the precision officers' reviews give it."""
    rows: dict[str, dict[str, Any]] = {
        str(row["detector"]): dict(row)
        for row in findings.values("detector").annotate(
            total=Count("pk"),
            proposed=Count("pk", filter=Q(status=FindingStatus.PROPOSED)),
            confirmed=Count("pk", filter=Q(status=FindingStatus.CONFIRMED)),
            rejected=Count("pk", filter=Q(status=FindingStatus.REJECTED)),
        )
    }
    stats = []
    for value, label in Detector.choices:
        row = rows.get(value, {})
        stats.append(
            DetectorStats(
                value,
                str(label),
                int(row.get("total", 0)),
                int(row.get("proposed", 0)),
                int(row.get("confirmed", 0)),
                int(row.get("rejected", 0)),
            )
        )
    return stats


def save_claim(claim: FalseClaim) -> FalseClaim:
    """Store a claim and compare it with the recent articles (a background job)."""
    from findings import tasks

    claim.save()
    if claim.active:
        tasks.enqueue_claim_scan(claim)
    return claim
