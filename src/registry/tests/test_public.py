"""Public pages: what is published shows, nothing else leaks, and no sign-in is needed."""

from __future__ import annotations

import contextlib
import datetime
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook

from registry import reviews
from registry.choices import (
    AgencyLevel,
    LicenceKind,
    LicenceStatus,
    MediaType,
    RecordStatus,
    ReviewOutcome,
)
from registry.models import (
    GeneralSite,
    Licence,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    ReviewCycle,
)

pytestmark = pytest.mark.django_db

PAGES = ("public:index", "public:sites", "public:press", "public:review")
LISTS = ("public:sites", "public:press", "public:review")
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)

#: what each list must show
SHOWN = {
    "public:sites": [
        "Trang Công Khai Alpha", "congkhai-alpha.vn", "Công ty Công Khai", "GP-CONGKHAI-001",
        "Sở Văn hoá Công Khai", "02/03/2024",
    ],
    "public:press": [
        "Báo Công Khai", "Bộ Công Khai", "12 Đường Công Khai", "Trưởng VP Công Khai",
        "Phóng Viên Công Khai", "Phóng Viên Ở Nhờ", "Tạp chí Kín Đáo", "Phóng Viên Tạp Chí",
    ],
    "public:review": ["Phóng Viên Công Khai", "Báo Công Khai"],
}  # fmt: skip

#: what no public page or export may show
SECRETS = [
    # sites and licences
    "Trang Bí Mật Beta", "bimat-beta.vn", "GP-CUA-TRANG-AN", "Trang Đã Đóng Gamma",
    "GP-CHUA-CONG-BO", "GP-HET-HAN", "GP-BI-THU-HOI", "Người Phụ Trách Kín", "GHI CHÚ TRANG MẬT",
    # offices and reporters
    "99 Đường Bí Mật", "77 Đường Đã Đóng", "0909111222", "vpdd-kin@example.vn", "THE-VPDD-001",
    "GHI CHÚ VĂN PHÒNG MẬT", "Phóng Viên Bí Mật", "Phóng Viên Đã Nghỉ",
    "0988777666", "pv-kin@example.vn", "THE-PV-002", "GHI CHÚ PHÓNG VIÊN MẬT",
    "Cơ quan chủ quản KÍN", "Số 1 Trụ Sở Kín",
    # reviews
    "Kỳ Đang Mở", "Kỳ Đã Đóng Chưa Công Bố", "Kỳ Cũ Đã Công Bố", "HOẠT ĐỘNG MẬT", "VI PHẠM MẬT",
    "GHI CHÚ ĐÁNH GIÁ MẬT", "TÓM TẮT NỘI BỘ",
]  # fmt: skip
#: a reporter whose assignment ended is off the current list, though a review may name them
NOT_CURRENT = {"public:press": ["Phóng Viên Hết Hạn"], "public:index": ["Phóng Viên Hết Hạn"]}


@dataclass
class World:
    reporter: ResidentReporter
    review: ReviewCycle


def _sites() -> None:
    site = GeneralSite.objects.create(
        name="Trang Công Khai Alpha", owner_organisation="Công ty Công Khai", published=True,
        domains=["congkhai-alpha.vn"], responsible_person="Người Phụ Trách Kín",
        note="GHI CHÚ TRANG MẬT",
    )  # fmt: skip
    licence = {"kind": LicenceKind.GENERAL_SITE, "issuer": "Sở Văn hoá Công Khai"}
    Licence.objects.create(
        number="GP-CONGKHAI-001", issued_on=datetime.date(2024, 3, 2), published=True,
        general_site=site, **licence,
    )  # fmt: skip
    Licence.objects.create(number="GP-CHUA-CONG-BO", general_site=site, **licence)
    Licence.objects.create(
        number="GP-HET-HAN", expires_on=datetime.date(2020, 1, 1), published=True,
        general_site=site, **licence,
    )  # fmt: skip
    Licence.objects.create(
        number="GP-BI-THU-HOI", status=LicenceStatus.REVOKED, published=True, general_site=site,
        **licence,
    )  # fmt: skip
    hidden = GeneralSite.objects.create(
        name="Trang Bí Mật Beta", owner_organisation="Công ty Kín", domains=["bimat-beta.vn"]
    )
    Licence.objects.create(number="GP-CUA-TRANG-AN", published=True, general_site=hidden, **licence)
    GeneralSite.objects.create(
        name="Trang Đã Đóng Gamma", owner_organisation="Công ty Đóng", published=True,
        status=RecordStatus.CLOSED,
    )  # fmt: skip


def _press() -> ResidentReporter:
    agency = PressAgency.objects.create(
        name="Báo Công Khai", level=AgencyLevel.CENTRAL, governing_body="Bộ Công Khai",
        media_types=[MediaType.ONLINE_NEWSPAPER], published=True,
    )  # fmt: skip
    private_agency = PressAgency.objects.create(
        name="Tạp chí Kín Đáo", level=AgencyLevel.CENTRAL, governing_body="Cơ quan chủ quản KÍN",
        head_office="Số 1 Trụ Sở Kín",
    )  # fmt: skip
    secret = {"phone": "0909111222", "email": "vpdd-kin@example.vn", "card_number": "THE-VPDD-001"}
    office = RepresentativeOffice.objects.create(
        agency=agency, address="12 Đường Công Khai", head_name="Trưởng VP Công Khai",
        published=True, note="GHI CHÚ VĂN PHÒNG MẬT", **secret,
    )  # fmt: skip
    hidden_office = RepresentativeOffice.objects.create(agency=agency, address="99 Đường Bí Mật")
    RepresentativeOffice.objects.create(
        agency=agency, address="77 Đường Đã Đóng", published=True, status=RecordStatus.CLOSED
    )
    private = {"phone": "0988777666", "email": "pv-kin@example.vn", "card_number": "THE-PV-002",
               "note": "GHI CHÚ PHÓNG VIÊN MẬT"}  # fmt: skip
    shown = ResidentReporter.objects.create(
        agency=agency, office=office, full_name="Phóng Viên Công Khai", published=True, **private
    )
    ResidentReporter.objects.create(
        agency=agency, office=hidden_office, full_name="Phóng Viên Ở Nhờ", published=True
    )
    ResidentReporter.objects.create(
        agency=private_agency, full_name="Phóng Viên Tạp Chí", published=True
    )
    ResidentReporter.objects.create(agency=agency, office=office, full_name="Phóng Viên Bí Mật")
    ResidentReporter.objects.create(
        agency=agency, full_name="Phóng Viên Đã Nghỉ", published=True, status=RecordStatus.CLOSED
    )
    ResidentReporter.objects.create(
        agency=agency, full_name="Phóng Viên Hết Hạn", published=True,
        ended_on=datetime.date(2020, 12, 31),
    )  # fmt: skip
    return shown


def _review(title: str, *, close: bool = True, publish_on: datetime.date | None) -> ReviewCycle:
    cycle = reviews.open_cycle(title, START, END)
    for evaluation in cycle.evaluations.all():
        evaluation.activity, evaluation.violations = "HOẠT ĐỘNG MẬT", "VI PHẠM MẬT"
        evaluation.note, evaluation.outcome = "GHI CHÚ ĐÁNH GIÁ MẬT", ReviewOutcome.REMINDED
        evaluation.save()
    if close:
        cycle = reviews.close_cycle(cycle, END)
    if publish_on is not None:
        cycle = reviews.publish_cycle(cycle, publish_on)
    cycle.summary = "TÓM TẮT NỘI BỘ"
    cycle.save()
    return cycle


@pytest.fixture
def world() -> World:
    _sites()
    reporter = _press()
    _review("Kỳ Cũ Đã Công Bố", publish_on=datetime.date(2025, 1, 20))
    review = _review("Kỳ 6 tháng đầu năm 2025", publish_on=datetime.date(2025, 7, 20))
    _review("Kỳ Đã Đóng Chưa Công Bố", publish_on=None)
    _review("Kỳ Đang Mở", close=False, publish_on=None)
    return World(reporter=reporter, review=review)


def _text(client: Client, name: str, output: str = "") -> str:
    """What a public page or export shows to an anonymous visitor, as text."""
    response = client.get(reverse(name), {"format": output} if output else {})
    assert response.status_code == 200, (name, output)
    if output == "xlsx":
        workbook = load_workbook(io.BytesIO(response.content))
        cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
        return "\n".join(str(cell) for cell in cells if cell is not None)
    if output == "csv":
        return response.content.decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("output", ["", "csv", "xlsx"], ids=["page", "csv", "xlsx"])
def test_published_records_show_on_their_list_and_export(
    client: Client, world: World, output: str
) -> None:
    missing = {
        name: [value for value in values if value not in _text(client, name, output)]
        for name, values in SHOWN.items()
    }
    assert missing == {name: [] for name in SHOWN}


@pytest.mark.parametrize("output", ["", "csv", "xlsx"], ids=["page", "csv", "xlsx"])
def test_nothing_unpublished_or_private_leaks(client: Client, world: World, output: str) -> None:
    names = PAGES if not output else LISTS
    leaks = {
        name: [
            secret
            for secret in [*SECRETS, *NOT_CURRENT.get(name, [])]
            if secret in _text(client, name, output)
        ]
        for name in names
    }
    assert leaks == {name: [] for name in names}


def test_the_public_review_is_the_latest_published_one(client: Client, world: World) -> None:
    page = _text(client, "public:review")
    assert "Kỳ 6 tháng đầu năm 2025" in page
    assert "01/01/2025" in page and "30/06/2025" in page and "20/07/2025" in page
    assert "Kỳ Cũ Đã Công Bố" not in page


def test_exports_are_downloads_with_the_page_columns(client: Client, world: World) -> None:
    csv = client.get(reverse("public:sites"), {"format": "csv"})
    xlsx = client.get(reverse("public:press"), {"format": "xlsx"})

    assert csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2  # header and the one published, active site
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 1 + 4  # header, one office, three reporters


def test_public_pages_need_no_sign_in(client: Client) -> None:
    statuses = [client.get(reverse(name)).status_code for name in PAGES]
    assert statuses == [200] * len(PAGES)


def test_record_pages_still_need_sign_in(client: Client, world: World) -> None:
    paths = [
        "/accounts/units/",
        reverse("registry:home"),
        reverse("registry:reviewcycle_list"),
        world.review.get_absolute_url(),
        world.reporter.get_absolute_url(),
    ]
    with contextlib.suppress(NoReverseMatch):  # the compliance page is being written elsewhere
        paths.append(reverse("registry:compliance"))
    for path in paths:
        response = client.get(path)
        assert response.status_code in {302, 403}, path
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], path


def test_an_empty_registry_still_renders(client: Client) -> None:
    for name in LISTS:
        assert client.get(reverse(name)).status_code == 200
        assert client.get(reverse(name), {"format": "xlsx"}).status_code == 200
    assert timezone.localdate().strftime("%d/%m/%Y") in _text(client, "public:sites")


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_take_a_fixed_number_of_queries(
    client: Client, world: World, name: str, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        client.get(reverse(name))
