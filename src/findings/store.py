"""Write detector results as findings, idempotently (one finding per ``dedup_key``).

A finding still awaiting review is brought up to date when its check runs again (new figures,
more evidence items); a reviewed finding is left as the officer saw it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from findings.choices import FindingStatus, ItemRole
from findings.engine.rules import RuleHit, rule, sanctions
from findings.models import Finding, FindingItem
from findings.subjects import Subject
from monitoring.models import Article

ItemRef = tuple[Article | int, str]


def rule_snapshot(code: str) -> dict[str, Any]:
    """What a finding keeps of its dated rule (it must explain itself after the data changes)."""
    found = rule(code)
    table = sanctions()
    return {
        "code": found.code,
        "detector": found.detector,
        "description": found.description,
        "legal_basis": found.legal_basis,
        "confidence": found.confidence,
        "needs_verification": found.needs_verification,
        "valid_from": found.valid_from.isoformat(),
        "valid_to": found.valid_to.isoformat() if found.valid_to else None,
        "source_url": found.source_url,
        "sanctions": [
            {
                "code": code,
                "row": table[code].row,
                "citation": table[code].citation,
                "confidence": table[code].confidence,
                "uncertain": table[code].uncertain,
            }
            for code in found.sanction_refs
        ],
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def record(  # noqa: PLR0913 (a finding has this many parts)
    hit: RuleHit,
    *,
    dedup_key: str,
    subject: Subject | None,
    occurred_at: datetime.datetime | None,
    items: Sequence[ItemRef] = (),
    subject_label: str = "",
    figures: dict[str, Any] | None = None,
) -> Finding:
    """The finding for a failed ``hit``: created, or updated while it awaits review."""
    values: dict[str, Any] = {
        "detector": hit.detector,
        "rule_code": hit.rule_code,
        "rule": rule_snapshot(hit.rule_code),
        "sanction_refs": list(hit.sanction_refs),
        "needs_verification": hit.needs_verification,
        "subject_label": (subject_label or (subject.outlet if subject else ""))[:300],
        "occurred_at": occurred_at,
        "evidence": list(hit.evidence),
        "figures": _jsonable({**dict(hit.figures), **(figures or {})}),
        "score": hit.score,
        "template": hit.template[:300],
        "params": _jsonable(dict(hit.params)),
    }
    if subject is not None:
        values["subject_source"] = subject.source
        values.update(subject.links)
    finding = Finding.objects.filter(dedup_key=dedup_key).first()
    if finding is None:
        try:
            with transaction.atomic():
                finding = Finding.objects.create(dedup_key=dedup_key, **values)
        except IntegrityError:  # another worker created it meanwhile
            finding = Finding.objects.get(dedup_key=dedup_key)
    elif finding.status == FindingStatus.PROPOSED:
        changed = [name for name, value in values.items() if getattr(finding, name) != value]
        if changed:
            for name in changed:
                setattr(finding, name, values[name])
            finding.save()
    if finding.status == FindingStatus.PROPOSED:
        add_items(finding, items)
    return finding


def add_items(finding: Finding, items: Sequence[ItemRef]) -> None:
    """Link articles to ``finding`` (each once; the first role given wins)."""
    known = set(finding.finding_items.values_list("article_id", flat=True))
    for article, role in items:
        article_id = article if isinstance(article, int) else article.pk
        if article_id in known:
            continue
        try:
            with transaction.atomic():
                FindingItem.objects.create(finding=finding, article_id=article_id, role=role)
        except IntegrityError:
            pass
        known.add(article_id)


def evidence(article: Article | int) -> ItemRef:
    return (article, ItemRole.EVIDENCE)
