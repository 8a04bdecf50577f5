"""The findings models: idempotent recording, sanction rows, explanations, unit scoping."""

from __future__ import annotations

import datetime

import pytest

from core.access import Role
from findings import store
from findings.choices import ClaimLabel, Detector, ItemRole
from findings.engine.rules import RuleHit, make_hit, rule
from findings.models import FalseClaim, Finding
from findings.tests import factories as f
from registry.models import SanctionRule

pytestmark = pytest.mark.django_db


def _hit(code: str = "rep-takedown-nd147", hours: float = 4.2) -> RuleHit:
    return make_hit(
        rule(code),
        "article:1",
        passed=False,
        score=1.0,
        template="Still online %(hours)s hours after the source was removed (limit %(limit)s)",
        params={"hours": hours, "limit": 3.0},
        figures={"still_online": True},
    )


def test_recording_twice_updates_one_finding_and_links_each_article_once() -> None:
    source = f.source(general_site=f.site())
    first, second = f.article(source), f.article(source, f.OTHER_STORY)
    a = store.record(_hit(), dedup_key="k", subject=None, occurred_at=None, items=[(first, "copy")])
    b = store.record(
        _hit(hours=5.0),
        dedup_key="k",
        subject=None,
        occurred_at=None,
        items=[(first, ItemRole.SOURCE), (second, ItemRole.EVIDENCE)],
        figures={"at": datetime.datetime(2026, 11, 26, 8, 0)},
    )
    assert a.pk == b.pk and Finding.objects.count() == 1
    b.refresh_from_db()
    assert b.params["hours"] == 5.0 and b.figures["at"] == "2026-11-26T08:00:00"
    assert dict(b.finding_items.values_list("article_id", "role")) == {
        first.pk: ItemRole.COPY,
        second.pk: ItemRole.EVIDENCE,
    }
    assert {x.pk for x in b.evidence_articles()} == {first.pk, second.pk}
    assert b.explanation == "Still online 5.0 hours after the source was removed (limit 3.0)"


def test_the_rule_snapshot_and_the_latest_sanction_rows() -> None:
    for version, violation in (("2025-01", "cũ"), ("2026-11", "mới")):
        SanctionRule.objects.create(
            code="nd119-20-4-d", version=version, violation=violation, confidence="S"
        )
    finding = store.record(_hit(), dedup_key="k", subject=None, occurred_at=None)
    assert finding.rule["code"] == "rep-takedown-nd147" and finding.rule["valid_to"] is None
    assert finding.rule["sanctions"][0]["citation"].startswith("NĐ 119/2020")
    assert [row.violation for row in finding.sanction_rows()] == ["mới"]
    assert finding.sanction_refs == ["nd119-20-4-d"] and not finding.needs_verification


def test_units_see_only_what_their_role_allows() -> None:
    takedown = store.record(_hit(), dedup_key="a", subject=None, occurred_at=None)
    claim_hit = make_hit(
        rule("false-claim-social"), "x", passed=False, score=0.7, template="False claim"
    )
    claim = store.record(claim_hit, dedup_key="b", subject=None, occurred_at=None)
    everything = Finding.objects.all()
    assert list(Finding.scope_for_unit(everything, 1, Role.POLICE_LIAISON)) == [claim]
    assert not Finding.scope_for_unit(everything, 1, Role.UNIT_LIAISON).exists()
    assert takedown.detector == Detector.REPUBLICATION and claim.detector == Detector.CLAIMS


def test_a_false_claim_reads_shortly() -> None:
    claim = FalseClaim.objects.create(
        text="Nước máy " * 20, label=ClaimLabel.FAKE, verified_on=datetime.date(2026, 1, 1)
    )
    assert len(str(claim)) == 80 and claim.get_absolute_url().endswith(f"/claims/{claim.pk}/")
