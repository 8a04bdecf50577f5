"""The registry's bootstrap steps: starter catalogue (real facts) and demo scenarios (fiction)."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

import accounts.bootstrap  # noqa: F401  (registers the unit steps the registry steps rely on)
import registry.bootstrap  # noqa: F401  (registers this app's steps)
from core import bootstrap
from core.models import ObjectChange
from registry.bootstrap import DEMO_NOTE, load_data
from registry.choices import AgencyLevel, RecordStatus
from registry.models import (
    GeneralSite,
    Licence,
    Notice,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    SocialAccount,
    Spokesperson,
    StateChannel,
)

pytestmark = pytest.mark.django_db

CATALOGUE = load_data("catalogue.json")["agencies"]
PROVINCE_AGENCIES = {
    "Báo và Phát thanh, Truyền hình Lâm Đồng": ("bao-ptth-lam-dong", RecordStatus.ACTIVE),
    "Báo Đắk Nông": ("bao-dak-nong", RecordStatus.CLOSED),
    "Đài Phát thanh và Truyền hình Đắk Nông": ("dai-ptth-dak-nong", RecordStatus.CLOSED),
    "Tạp chí Nâm Nung": ("tap-chi-nam-nung", RecordStatus.UNKNOWN),
}
NATIONAL_DOMAINS = {
    "vnexpress.net",
    "tuoitre.vn",
    "thanhnien.vn",
    "dantri.com.vn",
    "vietnamnet.vn",
    "laodong.vn",
    "nld.com.vn",
    "vneconomy.vn",
    "vietnamplus.vn",
    "tienphong.vn",
    "plo.vn",
    "sggp.org.vn",
    "qdnd.vn",
    "cand.com.vn",
    "baochinhphu.vn",
    "baotintuc.vn",
    "kinhtedothi.vn",
    "znews.vn",
    "vov.vn",
    "vtv.vn",
    "nhandan.vn",
    "vnanet.vn",
}


COUNTED = (
    PressAgency,
    Licence,
    RepresentativeOffice,
    ResidentReporter,
    Notice,
    StateChannel,
    Spokesperson,
    SocialAccount,
    GeneralSite,
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _card_expiries() -> list[datetime.date]:
    dates = [
        *RepresentativeOffice.objects.values_list("card_expires_on", flat=True),
        *ResidentReporter.objects.values_list("card_expires_on", flat=True),
    ]
    return [day for day in dates if day is not None]


def test_bootstrap_twice_creates_nothing_and_logs_nothing() -> None:
    first = bootstrap.run(demo=True)
    counts = [model.objects.count() for model in COUNTED]
    changes = ObjectChange.objects.count()
    second = bootstrap.run(demo=True)
    assert first.created["pressagency"] == len(CATALOGUE) + len(load_data("demo.json")["agencies"])
    assert second.created == {}
    assert counts == [model.objects.count() for model in COUNTED]
    assert ObjectChange.objects.count() == changes


def test_catalogue_has_the_province_agencies_linked_to_their_units() -> None:
    bootstrap.run(demo=False)
    for name, (unit_code, status) in PROVINCE_AGENCIES.items():
        agency = PressAgency.objects.get(name=name)
        assert agency.level == AgencyLevel.PROVINCIAL
        assert agency.unit is not None and agency.unit.code == unit_code
        assert agency.status == status
    merged = PressAgency.objects.get(name="Báo và Phát thanh, Truyền hình Lâm Đồng")
    assert merged.published
    assert merged.governing_body == "Ban Thường vụ Tỉnh ủy Lâm Đồng"
    assert set(merged.media_types) == {"bao_in", "bao_dien_tu", "phat_thanh", "truyen_hinh"}
    assert "01/07/2025" in PressAgency.objects.get(name="Báo Đắk Nông").note
    nam_nung = PressAgency.objects.get(name="Tạp chí Nâm Nung")
    assert nam_nung.needs_verification and "Tạp chí Năm Nung" in nam_nung.aliases
    assert PressAgency.objects.filter(published=True).count() == 1  # only the current agency
    assert not RepresentativeOffice.objects.exists()  # demo data only with --demo


def test_catalogue_has_the_national_outlets_with_domains() -> None:
    bootstrap.run(demo=False)
    domains = {d for agency in PressAgency.objects.all() for d in agency.domains}
    assert domains >= NATIONAL_DOMAINS
    for name in ("Thông tấn xã Việt Nam", "Báo Nhân Dân", "Đài Tiếng nói Việt Nam"):
        agency = PressAgency.objects.get(name=name)
        assert agency.level == AgencyLevel.CENTRAL
        assert "https://bdt.daknong.gov.vn/" in agency.note  # resident staff, with its source
        assert not agency.offices.exists() and not agency.reporters.exists()


def test_no_unverified_feed_is_presented_as_verified() -> None:
    bootstrap.run(demo=False)
    for row in CATALOGUE:
        agency = PressAgency.objects.get(name=row["name"])
        assert agency.feeds == row["feeds"]
        candidates = row.get("feed_candidates", [])
        assert not set(candidates) & set(agency.feeds)
        if candidates:
            assert agency.needs_verification
            assert "feed URLs not verified" in agency.note
            assert all(url in agency.note for url in candidates)
    assert not PressAgency.objects.filter(needs_verification=False, note__contains="not verified")


def test_catalogue_keeps_the_office_edits() -> None:
    bootstrap.run(demo=False)
    agency = PressAgency.objects.get(name="Báo Lao Động")
    agency.governing_body = "Sửa bởi cán bộ"
    agency.feeds = ["https://laodong.vn/rss/checked-by-office.rss"]
    agency.needs_verification = False
    agency.save()
    changes = ObjectChange.objects.count()
    bootstrap.run(demo=False)
    agency.refresh_from_db()
    assert agency.governing_body == "Sửa bởi cán bộ"
    assert agency.feeds == ["https://laodong.vn/rss/checked-by-office.rss"]
    assert not agency.needs_verification
    assert ObjectChange.objects.count() == changes


def test_demo_dates_are_relative_to_today() -> None:
    bootstrap.run(demo=True)
    today = timezone.localdate()
    expiries = _card_expiries()
    assert any(today <= day <= today + datetime.timedelta(days=30) for day in expiries)
    assert any(day < today for day in expiries)  # one card already expired
    licence = Licence.objects.get(number="DEMO-07/GP-TTĐT")
    assert licence.expires_on is not None
    assert today < licence.expires_on <= today + datetime.timedelta(days=60)
    late = Notice.objects.get(document="DEMO-31/TB-SKCN")
    assert late.days_ahead < 5


def test_demo_covers_the_compliance_scenarios() -> None:
    bootstrap.run(demo=True)
    mismatched = ResidentReporter.objects.get(full_name="Phạm Quốc Bảo")
    assert mismatched.card_agency is not None and mismatched.card_agency != mismatched.agency
    magazine = PressAgency.objects.get(name="Tạp chí Sức khỏe Cao nguyên")
    assert magazine.is_magazine and magazine.scope_sectors == ["y_te"]
    assert magazine.offices.count() == 1 and magazine.reporters.count() == 2
    press_like = GeneralSite.objects.get(name="Tin tức Gia Nghĩa 24h")
    assert press_like.responsible_title == "Nhà báo"
    compliant = GeneralSite.objects.get(name="Nông nghiệp Xanh Cao Nguyên")
    assert compliant.published and compliant.licences.exists()
    assert compliant.agreements.count() == 3
    assert StateChannel.objects.filter(owner_unit__isnull=True).count() == 1
    assert Spokesperson.objects.values("unit").distinct().count() == 3
    assert SocialAccount.objects.filter(platform="facebook").count() >= 2
    assert PressAgency.objects.filter(level=AgencyLevel.CENTRAL, offices__isnull=False).exists()


def test_demo_records_are_marked_as_fiction_and_point_nowhere_real() -> None:
    bootstrap.run(demo=True)
    for model in COUNTED:
        demo_rows = model.objects.filter(note__startswith=DEMO_NOTE)
        assert demo_rows.exists(), model
    demo = load_data("demo.json")
    for section in ("agencies", "sites", "social_networks"):
        for row in demo[section]:
            assert all(domain.endswith(".example.vn") for domain in row["domains"])
    for section in ("channels", "social_accounts"):
        for row in demo[section]:
            assert ".example.vn/" in row["url"]


def test_data_files_are_nfc() -> None:
    for name in ("catalogue.json", "demo.json"):
        for text in _strings(load_data(name)):
            assert unicodedata.normalize("NFC", text) == text, text
