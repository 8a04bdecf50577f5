"""The compliance checks: each check found and not found, dates at the edges, query counts."""

from __future__ import annotations

import datetime
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Unit, UnitKind
from accounts.tests.factories import make_unit
from registry import legal
from registry.checks import Finding, FindingKind, Severity, findings_for, list_findings
from registry.choices import LicenceStatus, RecordStatus
from registry.legal import Confidence
from registry.models import GeneralSite, Licence, Notice, PressAgency, SocialAccount
from registry.models.channels import Spokesperson, StateChannel
from registry.models.offices import RepresentativeOffice, ResidentReporter

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 2)
_serial = count(1)


def _days(n: int, today: datetime.date = TODAY) -> datetime.date:
    return today + datetime.timedelta(days=n)


def _agency(name: str = "", **fields: Any) -> PressAgency:
    fields.setdefault("level", "central")
    return PressAgency.objects.create(name=name or f"Báo Trung Ương {next(_serial)}", **fields)


def _licence(expires_on: datetime.date | None, **fields: Any) -> Licence:
    if "general_site" not in fields:
        fields.setdefault("press_agency", _agency())
    fields |= {"kind": "press", "number": f"{next(_serial)}/GP-BVHTTDL", "issuer": "Bộ VHTTDL"}
    return Licence.objects.create(expires_on=expires_on, **fields)


def _card_fields(fields: dict[str, Any]) -> dict[str, Any]:
    agency = fields.setdefault("agency", None) or _agency()
    fields["agency"] = agency
    fields.setdefault("card_number", f"TB-{next(_serial)}")
    fields.setdefault("card_agency", agency)
    fields.setdefault("card_expires_on", datetime.date(2030, 12, 31))
    return fields


def _reporter(**fields: Any) -> ResidentReporter:
    fields = _card_fields(fields)
    fields.setdefault("full_name", f"Phóng viên {next(_serial)}")
    return ResidentReporter.objects.create(**fields)


def _office(**fields: Any) -> RepresentativeOffice:
    fields = _card_fields(fields) | {"head_name": "Lê Văn Trưởng"}
    fields.setdefault("address", f"{next(_serial)} Trần Hưng Đạo, Gia Nghĩa")
    return RepresentativeOffice.objects.create(**fields)


def _notice(days_ahead: int, effective_on: datetime.date = TODAY, **fields: Any) -> Notice:
    office = fields.setdefault("office", None) or _office()
    fields |= {"kind": "change_head", "agency": office.agency, "office": office}
    fields |= {"document": f"{next(_serial)}/TB-BTƯ", "effective_on": effective_on}
    sent_on = effective_on - datetime.timedelta(days=days_ahead)
    return Notice.objects.create(sent_on=sent_on, **fields)


def _site(name: str = "", **fields: Any) -> GeneralSite:
    fields.setdefault("owner_organisation", "Công ty TNHH Thử Nghiệm")
    return GeneralSite.objects.create(name=name or f"Nông nghiệp Xanh {next(_serial)}", **fields)


def _channel(**fields: Any) -> StateChannel:
    n = next(_serial)
    url = f"https://kenh{n}.example.vn/"
    return StateChannel.objects.create(kind="portal", name=f"Cổng thông tin {n}", url=url, **fields)


def _kinds(findings: list[Finding]) -> list[FindingKind]:
    return [finding.kind for finding in findings]


def _about(record: Any, today: datetime.date = TODAY, window: int = 90) -> list[Finding]:
    return [f for f in list_findings(today, window) if f.subject == record]


# --- Licences -------------------------------------------------------------------------------------
def test_expired_licence_still_in_force_is_a_violation() -> None:
    licence = _licence(_days(-1))
    [finding] = _about(licence)
    assert finding.kind == FindingKind.LICENCE_EXPIRED
    assert finding.severity == Severity.BAD
    assert finding.day == _days(-1)
    assert licence.number in finding.message and "01/06/2025" in finding.message
    assert finding.basis == (legal.LICENCE_TERM,)
    assert finding.needs_verification  # the sanction for this is not confirmed


WINDOW_CASES = [(0, 30, 1), (30, 30, 1), (31, 30, 0), (45, 60, 1), (89, 90, 1), (91, 90, 0)]


@pytest.mark.parametrize(("days", "window", "found"), WINDOW_CASES)
def test_licence_expiring_within_the_window(days: int, window: int, found: int) -> None:
    kinds = _kinds(_about(_licence(_days(days)), window=window))
    assert kinds == [FindingKind.LICENCE_EXPIRING] * found


def test_licences_not_in_force_or_without_expiry_are_not_flagged() -> None:
    assert _about(_licence(_days(-10), status=LicenceStatus.EXPIRED)) == []
    assert _about(_licence(_days(-10), status=LicenceStatus.REVOKED)) == []
    assert _about(_licence(None)) == []


def test_a_general_sites_licence_names_its_holder() -> None:
    site = _site("Nông nghiệp Xanh Cao Nguyên")
    licence = _licence(_days(10), general_site=site)
    [finding] = _about(licence)
    assert "Nông nghiệp Xanh Cao Nguyên" in finding.message


# --- Press cards ----------------------------------------------------------------------------------
def test_expired_card_of_a_reporter_is_a_violation() -> None:
    reporter = _reporter(full_name="Trần Thị Thẻ", card_expires_on=_days(-3))
    [finding] = _about(reporter)
    assert (finding.kind, finding.severity) == (FindingKind.CARD_EXPIRED, Severity.BAD)
    assert "Trần Thị Thẻ" in finding.message and "30/05/2025" in finding.message
    assert finding.basis[0] == legal.EXPIRED_CARD_SANCTION
    assert finding.confidence == Confidence.CONFIRMED


def test_expiring_card_of_an_office_head() -> None:
    office = _office(card_expires_on=_days(20))
    assert _kinds(_about(office, window=30)) == [FindingKind.CARD_EXPIRING]
    assert _about(office, window=30)[0].severity == Severity.WARN
    assert _kinds(_about(_office(card_expires_on=_days(40)), window=30)) == []


@pytest.mark.parametrize("status", [RecordStatus.CLOSED, RecordStatus.SUSPENDED])
def test_cards_of_records_not_active_are_not_checked(status: RecordStatus) -> None:
    reporter = _reporter(card_expires_on=_days(-3), card_number="", status=status)
    assert _about(reporter) == []


@pytest.mark.parametrize("missing", ["card_number", "card_expires_on", "card_agency"])
def test_missing_card_details_are_their_own_finding(missing: str) -> None:
    reporter = _reporter(**{missing: "" if missing == "card_number" else None})
    [finding] = _about(reporter)
    assert (finding.kind, finding.severity) == (FindingKind.CARD_MISSING, Severity.WARN)


TERM_CARD = datetime.date(2025, 12, 31)  # the recorded expiry of a 2021–2025 card


def test_2021_2025_card_is_valid_until_31_03_2026() -> None:
    today = datetime.date(2026, 1, 15)
    reporter = _reporter(card_expires_on=TERM_CARD)
    [finding] = _about(reporter, today=today)
    assert finding.kind == FindingKind.CARD_EXPIRING  # not expired: extended by QĐ 4794
    assert finding.day == datetime.date(2026, 3, 31)
    assert "31/03/2026" in finding.message
    assert legal.CARD_EXTENSION_2021_2025 in finding.basis
    assert _about(reporter, today=today, window=30) == []  # 75 days left


def test_2021_2025_card_expires_after_31_03_2026() -> None:
    reporter = _reporter(card_expires_on=TERM_CARD)
    [finding] = _about(reporter, today=datetime.date(2026, 4, 1))
    assert (finding.kind, finding.day) == (FindingKind.CARD_EXPIRED, datetime.date(2026, 3, 31))
    assert legal.CARD_EXTENSION_2021_2025 in finding.basis
    last_day = _about(reporter, today=datetime.date(2026, 3, 31))
    assert _kinds(last_day) == [FindingKind.CARD_EXPIRING]


def test_2021_2025_card_before_the_extension_was_decided() -> None:
    reporter = _reporter(card_expires_on=TERM_CARD)
    [finding] = _about(reporter, today=datetime.date(2025, 12, 1))
    assert (finding.kind, finding.day) == (FindingKind.CARD_EXPIRING, TERM_CARD)
    assert legal.CARD_EXTENSION_2021_2025 not in finding.basis


def test_card_of_another_agency() -> None:
    agency, other = _agency("Báo Nhân Dân Thử"), _agency("Tạp chí Sức khỏe Thử")
    office = _office(agency=agency, card_agency=other)
    reporter = _reporter(agency=agency, card_agency=other)
    [office_finding] = _about(office)
    assert (office_finding.kind, office_finding.severity) == (FindingKind.CARD_AGENCY, Severity.BAD)
    assert "Tạp chí Sức khỏe Thử" in office_finding.message
    assert office_finding.basis[0] == legal.PRESS_LAW_ART_22_HEAD_CARD
    assert _kinds(_about(reporter)) == [FindingKind.CARD_AGENCY]
    assert _about(_office(agency=agency, card_agency=agency)) == []


# --- Notices --------------------------------------------------------------------------------------
def test_notice_five_days_ahead_is_in_time_four_is_late() -> None:
    assert _about(_notice(5)) == []
    notice = _notice(4)
    [finding] = _about(notice)
    assert (finding.kind, finding.severity) == (FindingKind.NOTICE_LATE, Severity.BAD)
    assert finding.basis == (legal.NOTICE_PERIOD_2016, legal.NOTICE_SANCTION)
    assert finding.day == TODAY and "02/06/2025" in finding.message
    assert notice.document in finding.message


def test_notice_counts_from_the_day_it_was_received() -> None:
    assert _kinds(_about(_notice(10, received_on=_days(-2)))) == [FindingKind.NOTICE_LATE]
    assert _kinds(_about(_notice(10, received_on=_days(3)))) == [FindingKind.NOTICE_LATE]  # after
    assert _about(_notice(1, received_on=_days(-5))) == []


def test_notice_under_the_press_law_2025_rests_on_an_unconfirmed_rule() -> None:
    effective = datetime.date(2026, 7, 1)
    [finding] = _about(_notice(2, effective_on=effective))
    assert finding.confidence == Confidence.UNCONFIRMED
    assert finding.basis == (legal.NOTICE_PERIOD_2025,)
    assert finding.severity == Severity.WARN
    [before] = _about(_notice(2, effective_on=datetime.date(2026, 6, 30)))
    assert before.confidence == Confidence.CONFIRMED


# --- General sites --------------------------------------------------------------------------------
def test_site_with_press_words_in_its_domain() -> None:
    site = _site("Thông tin Đắk Nông", domains=["tintucdaknong.example.vn", "daknong24h.news"])
    [finding] = _about(site)
    assert (finding.kind, finding.severity) == (FindingKind.SITE_PRESS_WORD, Severity.WARN)
    assert "tintucdaknong.example.vn" in finding.message and "daknong24h.news" in finding.message
    assert finding.basis[0] == legal.PRESS_WORDS_FORM_CRITERION


def test_site_with_press_words_in_its_name_without_accents_or_none() -> None:
    assert _kinds(_about(_site("Tin tuc Gia Nghia"))) == [FindingKind.SITE_PRESS_WORD]
    site = _site("Trang thông tin điện tử tổng hợp Bảo hiểm", domains=["baohiem.example.vn"])
    assert _about(site) == []


def test_site_resembling_a_press_agency_names_it() -> None:
    _agency("Báo Đắk Nông", aliases=["Dak Nong newspaper"])
    site = _site("Cổng Đắk Nông Xanh", domains=["baodaknong.example.net"])
    words, finding = _about(site)  # "bao…" is also a press-like word
    assert (words.kind, finding.kind) == (FindingKind.SITE_PRESS_WORD, FindingKind.SITE_LIKE_AGENCY)
    assert "Báo Đắk Nông" in finding.message
    assert finding.basis == (legal.SITE_NAME_RULE,)
    _agency("Đài Phát thanh và Truyền hình Đắk Nông", aliases=["PTTH Đắk Nông"])
    assert _kinds(_about(_site("Đài PT-TH Đắk Nông"))) == [FindingKind.SITE_LIKE_AGENCY]


@pytest.mark.parametrize("title", ["Nhà báo", "Phóng viên", "phong vien"])
def test_site_showing_a_press_title(title: str) -> None:
    site = _site(responsible_person="Nguyễn Văn Chủ", responsible_title=title)
    [finding] = _about(site)
    assert (finding.kind, finding.severity) == (FindingKind.SITE_PRESS_TITLE, Severity.BAD)
    assert finding.basis == (legal.PRESS_TITLE_BAN, legal.PRESS_TITLE_FORM_CRITERION)


def test_site_with_an_ordinary_title_and_inactive_sites() -> None:
    assert _about(_site(responsible_person="Nguyễn Văn Chủ", responsible_title="Giám đốc")) == []
    assert _about(_site("Tin tức Gia Nghĩa", status=RecordStatus.CLOSED)) == []


# --- Spokespersons --------------------------------------------------------------------------------
def _unit(kind: str = UnitKind.DEPARTMENT, **fields: Any) -> Unit:
    return make_unit(kind=kind, **fields)


@pytest.mark.parametrize(
    "kind", [UnitKind.DEPARTMENT, UnitKind.PEOPLES_COMMITTEE, UnitKind.COMMUNE]
)
def test_unit_without_a_spokesperson(kind: str) -> None:
    unit = _unit(kind)
    [finding] = _about(unit)
    assert (finding.kind, finding.severity) == (FindingKind.NO_SPOKESPERSON, Severity.WARN)
    assert unit.name in finding.message
    assert finding.basis == (legal.SPOKESPERSON_DUTY, legal.SPOKESPERSON_ANNOUNCEMENT)
    assert finding.confidence == Confidence.CONFIRMED


def test_unit_with_a_current_spokesperson() -> None:
    unit = _unit()
    Spokesperson.objects.create(unit=unit, full_name="Hoàng Phát Ngôn", appointed_on=_days(-100))
    assert _about(unit) == []
    ended, future = _unit(), _unit()
    name = "Hoàng Phát Ngôn"
    Spokesperson.objects.create(unit=ended, full_name=name, ended_on=_days(-1))
    Spokesperson.objects.create(unit=future, full_name=name, appointed_on=_days(1))
    assert _kinds(_about(ended)) == _kinds(_about(future)) == [FindingKind.NO_SPOKESPERSON]


def test_units_that_need_no_spokesperson_or_no_longer_exist() -> None:
    assert _about(_unit(UnitKind.POLICE)) == []
    assert _about(_unit(valid_to=_days(-1))) == []
    assert _about(_unit(valid_from=_days(1))) == []


# --- State e-channels -----------------------------------------------------------------------------
def test_channel_without_owner_or_rules() -> None:
    channel = _channel()
    kinds = _kinds(_about(channel))
    assert kinds == [FindingKind.CHANNEL_NO_OWNER, FindingKind.CHANNEL_NO_RULES]
    assert all(f.severity == Severity.WARN and f.needs_verification for f in _about(channel))


def test_complete_and_inactive_channels() -> None:
    assert _about(_channel(owner_unit=_unit(), rules_accepted_on=_days(-30))) == []
    assert _kinds(_about(_channel(owner_unit=_unit()))) == [FindingKind.CHANNEL_NO_RULES]
    assert _about(_channel(status=RecordStatus.CLOSED)) == []


# --- Findings of one record -----------------------------------------------------------------------
def test_findings_for_an_office_include_its_late_notices() -> None:
    office = _office(card_expires_on=_days(-1))
    _notice(2, office=office)
    kinds = _kinds(findings_for(office, today=TODAY))
    assert kinds == [FindingKind.CARD_EXPIRED, FindingKind.NOTICE_LATE]


def test_findings_for_an_agency_include_its_licences_and_notices() -> None:
    office = _office()
    _licence(_days(-5), press_agency=office.agency)
    _notice(1, office=office)
    kinds = _kinds(findings_for(office.agency, today=TODAY))
    assert kinds == [FindingKind.LICENCE_EXPIRED, FindingKind.NOTICE_LATE]


def test_findings_for_each_record_match_the_full_list() -> None:
    records: list[Any] = [
        _licence(_days(10)),
        _reporter(card_expires_on=_days(-1)),
        _notice(3),
        _site("Dak Nong Times"),
        _unit(),
        _channel(),
    ]
    everything = list_findings(TODAY, 90)
    for record in records:
        expected = [f for f in everything if f.subject == record]
        assert findings_for(record, today=TODAY) == expected
    assert findings_for(_unit(), today=TODAY, window_days=30)[0].kind == FindingKind.NO_SPOKESPERSON


def test_findings_for_a_type_without_checks_is_empty() -> None:
    url = "https://fb.example.vn/thu"
    account = SocialAccount.objects.create(platform="facebook", name="Trang Thử", url=url)
    assert findings_for(account, today=TODAY) == []


def test_findings_link_to_their_records() -> None:
    notice = _notice(1)
    [finding] = _about(notice)
    assert finding.url == notice.office.get_absolute_url()  # type: ignore[union-attr]
    assert finding.subject_type


def test_findings_are_sorted_violations_first() -> None:
    _licence(_days(10))
    _reporter(card_expires_on=_days(-1))
    severities = [f.severity for f in list_findings(TODAY, 90)]
    assert severities == sorted(severities, key=lambda s: s != Severity.BAD)


# --- Query counts ---------------------------------------------------------------------------------
def _world(size: int) -> None:
    """``size`` records of every kind the checks read, each producing findings."""
    PressAgency.objects.get_or_create(name="Báo Đắk Nông", level="provincial")
    for _ in range(size):
        agency = _agency()
        office = _office(agency=agency, card_expires_on=_days(-1), card_agency=_agency())
        _reporter(agency=agency, office=office, card_expires_on=_days(10), card_number="")
        _notice(1, office=office)
        _licence(_days(5), press_agency=agency)
        site = _site(f"Tin tức {next(_serial)}", responsible_title="Nhà báo")
        _licence(_days(-5), general_site=site)
        _unit()
        _channel()


def _queries(size: int) -> tuple[int, int]:
    _world(size)
    with CaptureQueriesContext(connection) as queries:
        found = list_findings(TODAY, 90)
        for finding in found:  # what the page shows of each finding
            _ = (finding.url, str(finding.subject), finding.message)
    return len(queries), len(found)


def test_query_count_does_not_grow_with_the_number_of_records() -> None:
    small, small_found = _queries(3)
    large, large_found = _queries(27)
    assert large_found > small_found * 5
    assert large == small
    assert small <= 10
