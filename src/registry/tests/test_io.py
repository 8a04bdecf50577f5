"""Import and export of registry records: files, dry run, apply, pages and commands."""

from __future__ import annotations

import datetime
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import Unit, User
from accounts.tests.factories import make_unit
from core.access import Role
from core.models import ObjectChange
from registry.choices import (
    AgencyLevel,
    ChannelKind,
    LicenceKind,
    MediaType,
    Platform,
    RecordStatus,
)
from registry.exports import write_csv, write_xlsx
from registry.io import FileFormat, export_file, export_rows, run_import
from registry.models import (
    GeneralSite,
    Licence,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    SocialAccount,
    SocialNetwork,
    Spokesperson,
    StateChannel,
)
from registry.types import TYPES

pytestmark = pytest.mark.django_db

REPORTERS = TYPES["reporters"]
AGENCIES = TYPES["agencies"]


def csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    return write_csv(headers, rows)


@pytest.fixture
def agencies() -> list[PressAgency]:
    names = ["Báo Nhân Dân", "Báo Tuổi Trẻ", "Đài Tiếng nói Việt Nam"]
    return [
        PressAgency.objects.create(name=name, level=AgencyLevel.CENTRAL, media_types=["bao_in"])
        for name in names
    ]


@pytest.fixture
def one_of_each(agencies: list[PressAgency]) -> dict[str, Any]:
    """One record of every registry type, with lists, dates, booleans and references."""
    unit = make_unit(code="so-ttt", name="Sở Thông tin và Truyền thông")
    agency = agencies[0]
    agency.aliases = ["Nhân Dân", "ND"]
    agency.media_types = [MediaType.PRINT_NEWSPAPER, MediaType.ONLINE_NEWSPAPER]
    agency.unit = unit
    agency.scope_keywords = ["chính trị", "kinh tế"]
    agency.domains = ["nhandan.vn"]
    agency.is_science_journal = False
    agency.published = True
    agency.note = "Dòng một\nDòng hai"
    agency.save()
    site = GeneralSite.objects.create(
        name="Trang tin Đắk Nông", owner_organisation="Công ty A", domains=["a.vn", "b.vn"]
    )
    network = SocialNetwork.objects.create(name="Mạng X", owner_organisation="Công ty X")
    office = RepresentativeOffice.objects.create(
        agency=agency,
        address="12 Lê Lợi, Gia Nghĩa",
        head_name="Trần Thị Bình",
        card_agency=agencies[1],
        card_expires_on=datetime.date(2026, 5, 31),
        opened_on=datetime.date(2020, 1, 2),
    )
    reporter = ResidentReporter.objects.create(
        agency=agency,
        office=office,
        full_name="Lê Văn Cường",
        card_number="B-123",
        started_on=datetime.date(2021, 3, 4),
        email="cuong@example.vn",
    )
    Licence.objects.create(
        kind=LicenceKind.PRESS,
        number="123/GP-BTTTT",
        issuer="Bộ Thông tin và Truyền thông",
        issued_on=datetime.date(2019, 6, 7),
        press_agency=agency,
    )
    Licence.objects.create(
        kind=LicenceKind.GENERAL_SITE,
        number="9/GP",
        issuer="Sở TTTT",
        general_site=site,
        status="suspended",
    )
    SocialAccount.objects.create(
        platform=Platform.FACEBOOK,
        name="Trang Nhân Dân",
        url="https://facebook.com/nd",
        press_agency=agency,
        owner_unit=unit,
        watched=False,
    )
    StateChannel.objects.create(
        kind=ChannelKind.PORTAL,
        name="Cổng tỉnh",
        url="https://tinh.gov.vn",
        owner_unit=unit,
        rules_accepted_on=datetime.date(2024, 1, 15),
    )
    Spokesperson.objects.create(
        unit=unit,
        full_name="Phạm Thu Hà",
        position="Phó Giám đốc",
        appointed_on=datetime.date(2023, 9, 1),
        needs_verification=True,
    )
    return {"unit": unit, "site": site, "network": network, "office": office, "reporter": reporter}


# --- Export -----------------------------------------------------------------------------------
def test_export_writes_natural_references_and_plain_values(one_of_each: dict[str, Any]) -> None:
    headers, rows = export_rows(TYPES["offices"])
    office = dict(zip(headers, rows[0], strict=True))
    assert headers == list(TYPES["offices"].fields)
    assert office["agency"] == "Báo Nhân Dân"
    assert office["card_agency"] == "Báo Tuổi Trẻ"
    assert office["card_expires_on"] == "2026-05-31"
    assert office["published"] == "false"
    headers, rows = export_rows(TYPES["reporters"])
    assert dict(zip(headers, rows[0], strict=True))["office"] == (
        "Báo Nhân Dân | 12 Lê Lợi, Gia Nghĩa"
    )
    headers, rows = export_rows(AGENCIES)
    agency = next(dict(zip(headers, row, strict=True)) for row in rows if row[0] == "Báo Nhân Dân")
    assert agency["media_types"] == "bao_in; bao_dien_tu"
    assert agency["aliases"] == "Nhân Dân; ND"
    assert agency["unit"] == "so-ttt"
    assert agency["published"] == "true"


@pytest.mark.parametrize("slug", list(TYPES))
@pytest.mark.parametrize("file_format", list(FileFormat))
def test_export_then_import_reports_every_row_unchanged(
    one_of_each: dict[str, Any], slug: str, file_format: FileFormat
) -> None:
    registry_type = TYPES[slug]
    count = registry_type.model._default_manager.count()
    assert count > 0
    export = export_file(registry_type, file_format)
    changes = ObjectChange.objects.count()

    report = run_import(registry_type, export.content, export.filename, apply=True)

    assert report.file_errors == []
    assert report.problems == []
    assert (report.rows, report.unchanged, report.created, report.updated) == (count, count, 0, 0)
    assert report.applied
    assert ObjectChange.objects.count() == changes


def test_changed_cell_updates_in_place_with_audit_comment(
    one_of_each: dict[str, Any], make_user: Callable[..., User]
) -> None:
    officer = make_user(Role.OFFICER)
    headers, rows = export_rows(REPORTERS)
    rows[0][headers.index("phone")] = "0912 345 678"

    report = run_import(REPORTERS, csv_bytes(headers, rows), "pvtt.csv", apply=True, user=officer)

    assert (report.updated, report.created, report.applied) == (1, 0, True)
    reporter = ResidentReporter.objects.get()
    assert reporter.pk == one_of_each["reporter"].pk
    assert reporter.phone == "0912 345 678"
    change = reporter.changes().get(comment="Nhập từ tệp pvtt.csv")
    assert change.user == officer
    assert change.changed_fields == ["phone"]


# --- Dry run and apply on a large file with bad rows ---------------------------------------------
def _reporter_rows(agencies: list[PressAgency]) -> list[list[str]]:
    rows = []
    for number in range(1000):
        agency = agencies[number % len(agencies)].name
        rows.append(
            [
                agency,
                "",
                f"Phóng viên Thử {number}",
                f"PV-{number}",
                agency,
                f"{1 + number % 28:02d}/{1 + number % 12:02d}/2027",
                "0912000000",
                f"pv{number}@example.vn",
                "2024-01-15",
                "",
                "active",
                "có",
                "0",
                "",
            ]
        )
    return rows


#: (row index, column, bad value): each makes one row invalid in a different way
BAD_ROWS: list[tuple[int, str, str]] = [
    (3, "agency", "Báo Không Tồn Tại"),  # unknown foreign reference
    (77, "card_expires_on", "31/02/2027"),  # no such date
    (150, "email", "không-phải-email"),  # model validation (full_clean)
    (222, "status", "đang ngủ"),  # invalid choice
    (301, "full_name", ""),  # missing required value
    (444, "published", "có lẽ"),  # bad boolean
    (555, "office", "Báo Nhân Dân | 99 Không Có"),  # unknown office reference
    (666, "full_name", "Nguyễn " * 30),  # too long for the field (full_clean)
]
DUPLICATE_ROW, DUPLICATE_OF = 950, 949  # same agency and full name as an earlier row
EXTRA_CELL_ROW = 990  # a value in a column without a header


def _bad_file(agencies: list[PressAgency]) -> tuple[bytes, dict[int, str]]:
    headers = list(REPORTERS.fields)
    rows = _reporter_rows(agencies)
    expected: dict[int, str] = {}
    for index, column, value in BAD_ROWS:
        rows[index][headers.index(column)] = value
        expected[index + 2] = column
    rows[DUPLICATE_ROW] = list(rows[DUPLICATE_OF])
    expected[DUPLICATE_ROW + 2] = "agency, full_name"
    rows[EXTRA_CELL_ROW] = [*rows[EXTRA_CELL_ROW], "thừa"]
    expected[EXTRA_CELL_ROW + 2] = ""
    return write_xlsx(headers, rows, title="reporters"), expected


def test_large_xlsx_with_ten_bad_rows(
    agencies: list[PressAgency], make_user: Callable[..., User]
) -> None:
    started = time.monotonic()
    officer = make_user(Role.OFFICER)
    data, expected = _bad_file(agencies)
    assert len(expected) == 10
    changes = ObjectChange.objects.count()

    dry = run_import(REPORTERS, data, "phong-vien.xlsx")

    assert dry.rows == 1000
    assert {p.line: p.column for p in dry.problems} == expected
    assert len({p.line for p in dry.problems}) == len(dry.problems) == 10
    assert all(p.reason for p in dry.problems)
    assert (dry.created, dry.skipped, dry.applied) == (990, 10, False)
    assert ResidentReporter.objects.count() == 0

    blocked = run_import(REPORTERS, data, "phong-vien.xlsx", apply=True, user=officer)

    assert not blocked.applied
    assert blocked.invalid == 10
    assert ResidentReporter.objects.count() == 0
    assert ObjectChange.objects.count() == changes

    done = run_import(
        REPORTERS, data, "phong-vien.xlsx", apply=True, skip_invalid=True, user=officer
    )

    assert done.applied
    assert (done.created, done.updated, done.unchanged, done.skipped) == (990, 0, 0, 10)
    assert ResidentReporter.objects.count() == 990
    audited = ObjectChange.objects.filter(comment="Nhập từ tệp phong-vien.xlsx", user=officer)
    assert audited.count() == 990
    assert time.monotonic() - started < 15


# --- Reading forgiving input ---------------------------------------------------------------------
def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_csv_with_nfd_text_labels_and_vietnamese_dates(agencies: list[PressAgency]) -> None:
    headers = ["agency", "full_name", "started_on", "card_expires_on", "status", "published"]
    rows = [
        [
            nfd("Báo Nhân Dân"),
            nfd("Nguyễn Thị Hằng"),
            "05/03/2023",
            "2026-12-31",
            nfd("Đang hoạt động"),
            nfd("Có"),
        ],
        [nfd("báo tuổi trẻ"), nfd("Đỗ Văn Khánh"), "5/3/2023", "", "Suspended", "KHÔNG"],
    ]
    data = csv_bytes(headers, rows)
    assert unicodedata.normalize("NFC", data.decode("utf-8-sig")) != data.decode("utf-8-sig")

    report = run_import(REPORTERS, data, "pvtt.csv", apply=True)

    assert report.problems == []
    assert report.created == 2
    hang = ResidentReporter.objects.get(full_name="Nguyễn Thị Hằng")
    assert hang.agency == agencies[0]
    assert hang.started_on == datetime.date(2023, 3, 5)
    assert hang.card_expires_on == datetime.date(2026, 12, 31)
    assert (hang.status, hang.published) == (RecordStatus.ACTIVE, True)
    khanh = ResidentReporter.objects.get(agency=agencies[1])
    assert khanh.full_name == "Đỗ Văn Khánh"
    assert (khanh.status, khanh.published, khanh.card_expires_on) == ("suspended", False, None)


def test_semicolon_csv_lists_and_choice_labels(agencies: list[PressAgency]) -> None:
    make_unit(code="so-vh")
    text = (
        "name;level;media_types;unit;aliases\r\n"
        'Tạp chí Mới;This province;"tap_chi_in; Online magazine (tạp chí điện tử)";'
        'SO-VH;"A; B ;"\r\n'
    )
    report = run_import(AGENCIES, text.encode("utf-8"), "agencies.csv", apply=True)

    assert report.problems == [], report.problems
    agency = PressAgency.objects.get(name="Tạp chí Mới")
    assert agency.level == AgencyLevel.PROVINCIAL
    assert agency.media_types == ["tap_chi_in", "tap_chi_dien_tu"]
    assert agency.unit == Unit.objects.get(code="so-vh")


def test_bad_media_type_and_missing_level_are_reported(agencies: list[PressAgency]) -> None:
    data = csv_bytes(
        ["name", "media_types", "level"],
        [
            ["Báo A", "bao_in; radio", "central"],
            ["Báo B", "bao_in", ""],
        ],
    )
    report = run_import(AGENCIES, data, "a.csv")
    assert [(p.line, p.column) for p in report.problems] == [(2, "media_types"), (3, "level")]


def test_file_level_errors(agencies: list[PressAgency]) -> None:
    unknown = run_import(AGENCIES, csv_bytes(["name", "colour"], [["Báo A", "đỏ"]]), "a.csv")
    assert len(unknown.file_errors) == 1 and "colour" in unknown.file_errors[0]
    no_key = run_import(REPORTERS, csv_bytes(["agency", "phone"], [["Báo Nhân Dân", "1"]]), "r.csv")
    assert len(no_key.file_errors) == 1 and "full_name" in no_key.file_errors[0]
    not_utf8 = run_import(AGENCIES, "name\r\nBáo Nhân\r\n".encode("cp1258"), "a.csv")
    assert len(not_utf8.file_errors) == 1
    not_xlsx = run_import(AGENCIES, b"name\r\nA\r\n", "a.xlsx")
    assert len(not_xlsx.file_errors) == 1
    other = run_import(AGENCIES, b"%PDF-1.4", "a.pdf")
    assert len(other.file_errors) == 1
    for report in (unknown, no_key, not_utf8, not_xlsx, other):
        assert report.blocked and not report.applied


def test_licence_rules_of_the_model_are_reported(agencies: list[PressAgency]) -> None:
    headers = ["kind", "number", "issuer", "press_agency", "general_site"]
    GeneralSite.objects.create(name="Trang A", owner_organisation="Công ty A")
    rows = [["press", "1/GP", "Bộ TTTT", "Báo Nhân Dân", "Trang A"]]  # two holders
    report = run_import(TYPES["licences"], csv_bytes(headers, rows), "gp.csv")
    assert [(p.line, p.column) for p in report.problems] == [(2, "")]
