"""Figures against hand-built data: every count below is worked out from the builders."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import UnitKind
from accounts.tests.factories import make_unit
from cases import services
from cases.choices import CaseState, LetterKind, SanctionStatus, ViolatorType
from cases.models import Case, Letter, SanctionDecision
from cases.tests.helpers import open_case, sanction_rule, user
from core.access import Role
from findings.choices import Detector, FindingStatus
from findings.models import FalseClaim, Finding, FindingItem
from plans.choices import OrderStatus
from plans.models import PressOrder, PressOrderMatch
from registry.choices import AgencyLevel, RecordStatus
from registry.models import PressAgency, RepresentativeOffice, ResidentReporter, Spokesperson
from reports import periods
from reports.figures.articles import ArticleFilter
from reports.figures.briefing import briefing, registry_changes
from reports.figures.digest import digest
from reports.figures.orders import orders
from reports.figures.reporters import EXPIRED, FOREIGN, MISSING, VALID, reporters
from reports.tests.helpers import OCT, at, october_articles

pytestmark = pytest.mark.django_db
OCTOBER = periods.month(2026, 10)


@pytest.fixture
def data() -> dict[str, Any]:
    return october_articles()


def test_articles_outlets_and_tone_shares(data: dict[str, Any]) -> None:
    found = briefing(OCTOBER)
    assert found.articles == 7
    assert found.outlets == 3
    assert [(g.group, g.outlets, g.articles) for g in found.groups] == [
        ("own", 1, 3),
        ("outside", 1, 2),
        ("other", 1, 2),
    ]
    assert [(t.tone, t.count, t.percent) for t in found.tones] == [
        ("positive", 3, 42.9),
        ("neutral", 2, 28.6),
        ("negative", 2, 28.6),
    ]


def test_top_issues_by_primary_sector_and_locality(data: dict[str, Any]) -> None:
    found = briefing(OCTOBER)
    assert [(s.code, s.articles, s.negative) for s in found.sectors] == [
        ("y_te", 3, 1),
        ("giao_duc", 1, 0),
        ("xay_dung", 1, 1),
    ]
    # examples: most negative first
    assert [e.id for e in found.sectors[0].examples] == [
        data["own_neg"].pk,
        data["out_neu"].pk,
        data["own_pos"].pk,
    ]
    assert [(p.code, p.articles, p.negative) for p in found.localities] == [
        ("bac-gia-nghia", 2, 1),
        ("gia-nghia", 2, 2),
    ]


def test_days_follow_local_time(data: dict[str, Any]) -> None:
    days = {d.day: d for d in briefing(OCTOBER).days}
    assert len(days) == 31
    assert (days[OCT].neutral, days[OCT].total) == (1, 1)  # discovered 00:30 local on 01/10
    last = days[datetime.date(2026, 10, 31)]
    assert (last.positive, last.total) == (1, 1)  # 23:30 local, 16:30 UTC
    assert days[datetime.date(2026, 10, 5)].positive == 2
    assert sum(d.total for d in days.values()) == 7


def test_article_filter_lists_what_the_figures_count(data: dict[str, Any]) -> None:
    assert ArticleFilter(OCTOBER, sector="y_te").articles().count() == 3
    assert ArticleFilter(OCTOBER, locality="gia-nghia", tone="negative").articles().count() == 2
    assert ArticleFilter(OCTOBER, group="other").articles().count() == 2
    assert set(ArticleFilter(OCTOBER, group="outside").articles()) == {
        data["out_neu"],
        data["out_neg"],
    }


def test_management_figures(data: dict[str, Any]) -> None:
    officer = user(Role.OFFICER)
    ward = make_unit(name="UBND phường Thử Nghiệm", kind=UnitKind.COMMUNE)
    first, second, third = (open_case(officer, title=f"Vụ việc {i}") for i in range(3))
    Case.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=at(OCT.replace(day=3)))
    Case.objects.filter(pk=third.pk).update(created_at=at(datetime.date(2026, 9, 3)))
    Case.objects.filter(pk=second.pk).update(
        state=CaseState.CLOSED, closed_at=at(OCT.replace(day=25))
    )
    services.assign(first, officer, [ward], due_date=OCT.replace(day=15))
    for day, kind in ((10, LetterKind.REQUEST), (12, LetterKind.REQUEST), (2, LetterKind.RESPONSE)):
        Letter.objects.create(
            case=first,
            kind=kind,
            date=OCT.replace(day=day) if day != 2 else datetime.date(2026, 11, 2),
            subject="Đề nghị kiểm tra",
            body="Nội dung",
            signer_title="PHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Văn A",
        )
    SanctionDecision.objects.create(
        case=first,
        rule=sanction_rule(decree="119/2020/NĐ-CP"),
        violator_type=ViolatorType.ORGANISATION,
        amount=15_000_000,
        status=SanctionStatus.APPROVED,
        decision_date=OCT.replace(day=12),
        proposed_by=officer,
    )
    Finding.objects.create(
        detector=Detector.SITE_SIGNALS,
        rule_code="test",
        subject_label="Trang thử",
        template="x",
        dedup_key="a",
        status=FindingStatus.CONFIRMED,
        reviewed_at=at(OCT.replace(day=9)),
    )
    Finding.objects.create(
        detector=Detector.SITE_SIGNALS,
        rule_code="test",
        subject_label="Trang thử",
        template="x",
        dedup_key="b",
        status=FindingStatus.PROPOSED,
    )
    found = briefing(OCTOBER)
    assert (found.letters_sent, found.letters_by_kind) == (2, (("request", 2),))
    assert (found.cases.opened, found.cases.resolved) == (2, 1)
    assert (found.cases.overdue_assignments, found.cases.overdue_cases) == (1, 1)
    assert found.cases.overdue_by_unit == (("UBND phường Thử Nghiệm", 1),)
    assert (found.sanctions.count, found.sanctions.fines_total) == (1, 15_000_000)
    assert found.sanctions.by_decree == (("119/2020/NĐ-CP", 1),)
    assert (found.findings_confirmed, found.findings_by_detector) == (1, (("site_signals", 1),))


def test_spokesperson_gaps_and_registry_changes() -> None:
    today = timezone.localdate()
    silent = make_unit(name="Sở Không Phát Ngôn", kind=UnitKind.DEPARTMENT)
    named = make_unit(name="Sở Có Phát Ngôn", kind=UnitKind.DEPARTMENT)
    Spokesperson.objects.create(
        unit=named, full_name="Trần Thị B", appointed_on=datetime.date(2020, 1, 1)
    )
    agency = PressAgency.objects.create(name="Báo Thử", level=AgencyLevel.CENTRAL)
    office = RepresentativeOffice.objects.create(agency=agency, address="Gia Nghĩa")
    gone = ResidentReporter.objects.create(agency=agency, full_name="Lê Văn C")
    gone.status = RecordStatus.CLOSED
    gone.save()
    office.phone = "0261 000"
    office.save()
    period = periods.this_month(today)
    found = briefing(period)
    assert "Sở Không Phát Ngôn" in found.spokesperson_gaps
    assert "Sở Có Phát Ngôn" not in found.spokesperson_gaps
    changes = {(c.record, c.action, c.name) for c in registry_changes(period)}
    # added in the period: reported once as added, not as changed or ended
    assert changes == {("office", "added", str(office)), ("reporter", "added", "Lê Văn C")}
    assert silent.pk != named.pk
    assert registry_changes(periods.month(2020, 1)) == ()


def test_digest_items_with_routing_and_claims(data: dict[str, Any]) -> None:
    claim = FalseClaim.objects.create(
        text="Nước sông bị nhiễm độc", label="tin_sai_su_that", verified_on=OCT
    )
    finding = Finding.objects.create(
        detector=Detector.CLAIMS,
        rule_code="claims",
        subject_label="Trang tin tổng hợp Thử",
        template="x",
        dedup_key="claims:1",
        occurred_at=at(OCT.replace(day=6)),
        figures={"claim_id": claim.pk},
    )
    FindingItem.objects.create(finding=finding, article=data["own_neg"])
    found = digest(periods.day(OCT.replace(day=6)))
    assert found.articles == 2
    assert [item.id for item in found.problems] == [data["own_neg"].pk]
    assert found.positive == ()
    problem = found.problems[0]
    assert problem.outlet == "Báo Cao Nguyên Thử"
    assert problem.proposal.startswith("Đề nghị")
    assert [(c.claim, c.items) for c in found.false_claims] == [("Nước sông bị nhiễm độc", 1)]
    week = digest(periods.Period(OCT.replace(day=5), OCT.replace(day=11)))
    assert [i.id for i in week.positive] == [data["own_pos"].pk, data["own_pos2"].pk]
    assert [i.id for i in week.problems] == [data["own_neg"].pk]


def test_reporters_card_status() -> None:
    agency = PressAgency.objects.create(name="Báo Thử", level=AgencyLevel.CENTRAL)
    other = PressAgency.objects.create(name="Báo Khác", level=AgencyLevel.CENTRAL)
    half = periods.half_year(2026, 2)
    kw: dict[str, Any] = {"agency": agency}
    ResidentReporter.objects.create(
        full_name="A", card_number="1", card_expires_on=datetime.date(2030, 1, 1), **kw
    )
    ResidentReporter.objects.create(
        full_name="B", card_number="2", card_expires_on=datetime.date(2026, 12, 1), **kw
    )
    ResidentReporter.objects.create(full_name="C", **kw)
    ResidentReporter.objects.create(
        full_name="D",
        card_number="4",
        card_expires_on=datetime.date(2030, 1, 1),
        card_agency=other,
        **kw,
    )
    ResidentReporter.objects.create(full_name="E", ended_on=datetime.date(2026, 3, 1), **kw)
    found = reporters(half)
    assert [(r.name, r.card_status) for r in found.reporters] == [
        ("A", VALID),
        ("B", EXPIRED),
        ("C", MISSING),
        ("D", FOREIGN),
    ]


def test_orders_required_against_confirmed(data: dict[str, Any]) -> None:
    agency = PressAgency.objects.get(name="Báo Cao Nguyên Thử")
    order = PressOrder.objects.create(
        agency=agency,
        topic="Chuyển đổi số",
        works_count=4,
        period_start=OCT,
        period_end=datetime.date(2026, 12, 31),
        budget_vnd=40_000_000,
        status=OrderStatus.ACTIVE,
    )
    PressOrderMatch.objects.create(order=order, article=data["own_pos"], confirmed_at=at(OCT))
    PressOrderMatch.objects.create(order=order, article=data["own_pos2"], confirmed_at=at(OCT))
    PressOrderMatch.objects.create(order=order, article=data["own_neg"], rejected=True)
    PressOrderMatch.objects.create(order=order, article=data["out_neu"])
    found = orders(OCTOBER)
    row = found.orders[0]
    assert (row.required, row.confirmed, row.rejected, row.proposed, row.percent) == (
        4,
        2,
        1,
        1,
        50.0,
    )
    assert [(a.agency, a.orders, a.confirmed) for a in found.agencies] == [
        ("Báo Cao Nguyên Thử", 1, 2)
    ]
    assert orders(periods.month(2026, 9)).orders == ()
