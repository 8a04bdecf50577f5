"""Record pages and API of every registry type: permissions, audit, filters, query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import make_unit
from core.access import Role
from core.models import ChangeAction
from registry.choices import AgencyLevel, LicenceKind, LicenceStatus
from registry.models import GeneralSite, Licence, PressAgency, ResidentReporter
from registry.types import TYPES

pytestmark = pytest.mark.django_db


def _agency(name: str = "Báo Thử Nghiệm", **fields: Any) -> PressAgency:
    fields.setdefault("level", AgencyLevel.CENTRAL)
    return PressAgency.objects.create(name=name, **fields)


def test_every_type_has_list_and_new_pages_for_officers(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    for registry_type in TYPES.values():
        assert client.get(f"/registry/{registry_type.slug}/").status_code == 200
        assert client.get(f"/registry/{registry_type.slug}/new/").status_code == 200


@pytest.mark.parametrize("role", [Role.UNIT_LIAISON, Role.PRESS_AGENCY])
def test_liaison_and_press_accounts_cannot_see_or_change_the_registry(
    client: Client, login: Callable[[Role], User], role: Role
) -> None:
    login(role)
    agency = _agency()
    assert client.get("/registry/agencies/").status_code == 403
    assert client.post("/registry/agencies/new/", {"name": "X"}).status_code == 403
    assert client.post(f"/registry/agencies/{agency.pk}/edit/", {"name": "X"}).status_code == 403
    api = APIClient()
    api.force_authenticate(User.objects.get(role=role))
    assert api.post("/api/v1/registry/agencies/", {"name": "X"}, format="json").status_code == 403


def test_police_can_read_but_not_write(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.POLICE_LIAISON)
    agency = _agency()
    assert client.get(f"/registry/agencies/{agency.pk}/").status_code == 200
    assert client.get("/registry/agencies/new/").status_code == 403


def test_officer_creates_an_agency_with_lists_and_it_is_audited(
    client: Client, login: Callable[[Role], User]
) -> None:
    officer = login(Role.OFFICER)
    response = client.post(
        "/registry/agencies/new/",
        {
            "name": "Tạp chí Sức khỏe Thử",
            "aliases": "TC Sức khỏe\nSức khỏe Thử",
            "media_types": ["tap_chi_dien_tu"],
            "level": "central",
            "status": "active",
            "domains": "suckhoethu.example.vn",
            "scope_sectors": [],
            "scope_keywords": "y tế\nsức khỏe",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    agency = PressAgency.objects.get(name="Tạp chí Sức khỏe Thử")
    assert agency.aliases == ["TC Sức khỏe", "Sức khỏe Thử"]
    assert agency.is_magazine
    change = agency.changes().get(action=ChangeAction.CREATE)
    assert change.user == officer
    listed = client.get("/registry/agencies/", {"q": "suc khoe thu"}).content.decode()
    assert "Tạp chí Sức khỏe Thử" in listed


def test_licence_must_belong_to_exactly_one_holder(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    agency = _agency()
    site = GeneralSite.objects.create(name="Trang Thử", owner_organisation="Công ty Thử")
    data = {
        "kind": "press",
        "number": "12/GP-BVHTTDL",
        "issuer": "Bộ VHTTDL",
        "status": "active",
        "press_agency": agency.pk,
        "general_site": site.pk,
    }
    response = client.post("/registry/licences/new/", data)
    assert response.status_code == 400
    api = APIClient()
    api.force_authenticate(User.objects.get(role=Role.OFFICER))
    assert api.post("/api/v1/registry/licences/", data, format="json").status_code == 400


def test_licence_status_history_sets_the_current_status(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    agency = _agency()
    licence = Licence.objects.create(
        kind=LicenceKind.PRESS, number="1/GP", issuer="Bộ", press_agency=agency
    )
    today = datetime.date.today()
    response = client.post(
        f"/registry/add/licence_status/{licence.pk}/",
        {
            "licence_status-status": "suspended",
            "licence_status-effective_on": (today - datetime.timedelta(days=1)).isoformat(),
            "licence_status-until": (today + datetime.timedelta(days=30)).isoformat(),
            "licence_status-decision": "Quyết định 5/QĐ-XPHC",
        },
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.SUSPENDED
    assert any(change.changed_fields == ["status"] for change in licence.changes())
    assert licence.status_changes.get().decision == "Quyết định 5/QĐ-XPHC"


def test_api_lists_filter_and_search_without_accents() -> None:
    api = APIClient()
    officer = User.objects.create(username="o", role=Role.OFFICER)
    api.force_authenticate(officer)
    _agency("Báo Đắk Nông Thử", level=AgencyLevel.PROVINCIAL)
    _agency("Báo Trung ương Thử")
    body = api.get("/api/v1/registry/agencies/", {"q": "dak nong", "level": "provincial"}).json()
    assert [row["name"] for row in body["results"]] == ["Báo Đắk Nông Thử"]
    bad = api.post(
        "/api/v1/registry/agencies/",
        {
            "name": "Y",
            "level": "central",
            "media_types": ["radio-x"],
            "aliases": "x",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) >= {"media_types", "aliases"}


def _reporters(count: int) -> None:
    agency = _agency(f"Báo {count}")
    unit = make_unit()
    agency.unit = unit
    agency.save()
    for i in range(count):
        ResidentReporter.objects.create(
            agency=agency, full_name=f"Phóng viên {i}", card_agency=agency
        )


@pytest.mark.parametrize("slug", ["reporters", "agencies", "offices", "spokespersons"])
def test_list_pages_keep_a_constant_number_of_queries(
    client: Client, login: Callable[[Role], User], slug: str
) -> None:
    login(Role.OFFICER)
    _reporters(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/registry/{slug}/").status_code == 200
    _reporters(30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/registry/{slug}/").status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_api_lists_keep_a_constant_number_of_queries() -> None:
    api = APIClient()
    api.force_authenticate(User.objects.create(username="o2", role=Role.OFFICER))
    _reporters(3)
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/registry/reporters/")
    _reporters(30)
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/registry/reporters/")
    assert len(many) == len(few)


def test_licence_scans_are_uploaded_and_served_only_to_registry_readers(
    client: Client, login: Callable[[Role], User], make_user: Callable[..., User]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(Role.OFFICER)
    licence = Licence.objects.create(
        kind=LicenceKind.PRESS, number="2/GP", issuer="Bộ", press_agency=_agency()
    )
    scan = SimpleUploadedFile("giay-phep.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(
        f"/registry/add/licence_attachment/{licence.pk}/",
        {
            "licence_attachment-title": "Bản scan giấy phép",
            "licence_attachment-file": scan,
        },
    )
    assert response.status_code == 302
    attachment = licence.attachments.get()
    download = client.get(f"/registry/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 scan"  # type: ignore[attr-defined]
    client.force_login(make_user(Role.UNIT_LIAISON))
    assert client.get(f"/registry/attachments/{attachment.pk}/").status_code == 403
