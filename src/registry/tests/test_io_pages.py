"""Import and export pages and commands of the registry (flow, formats, access)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from accounts.models import User
from core.access import Role
from core.models import ObjectChange
from registry.choices import AgencyLevel
from registry.exports import write_csv as csv_bytes
from registry.io import ImportReport
from registry.models import PressAgency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies() -> list[PressAgency]:
    return [
        PressAgency.objects.create(name=name, level=AgencyLevel.CENTRAL)
        for name in ("Báo Nhân Dân", "Báo Tuổi Trẻ")
    ]


# --- Pages -----------------------------------------------------------------------------------
@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client: Client, data: bytes, name: str) -> Any:
    url = reverse("registry:import", args=["agencies"])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_import_page_flow_as_officer(
    client: Client, login: Callable[[Role], User], media: Path, agencies: list[PressAgency]
) -> None:
    officer = login(Role.OFFICER)
    url = reverse("registry:import", args=["agencies"])
    assert client.get(url).status_code == 200
    data = csv_bytes(
        ["name", "level", "status"],
        [
            ["Báo Mới Một", "central", "active"],
            ["Báo Mới Hai", "provincial", "Suspended"],
            ["Báo Hỏng", "sao hỏa", "active"],
        ],
    )

    checked = _upload(client, data, "co-quan.csv")

    assert checked.status_code == 200
    report: ImportReport = checked.context["report"]
    assert (report.rows, report.created, report.invalid) == (3, 2, 1)
    assert "Báo Hỏng" not in checked.content.decode()
    assert "sao hỏa" in checked.content.decode()
    token = checked.context["apply_form"].initial["token"]
    assert (media / "imports" / token).read_bytes() == data
    assert not PressAgency.objects.filter(name__startswith="Báo Mới").exists()

    blocked = client.post(url, {"token": token})
    assert blocked.status_code == 200
    assert not blocked.context["report"].applied
    assert not PressAgency.objects.filter(name__startswith="Báo Mới").exists()

    applied = client.post(url, {"token": token, "skip_invalid": "on"})

    assert applied.context["report"].applied
    assert set(
        PressAgency.objects.filter(name__startswith="Báo Mới").values_list("name", flat=True)
    ) == {"Báo Mới Một", "Báo Mới Hai"}
    assert ObjectChange.objects.filter(comment="Nhập từ tệp co-quan.csv", user=officer).count() == 2
    assert not (media / "imports" / token).exists()
    again = client.post(url, {"token": token, "skip_invalid": "on"})
    assert again.status_code == 302


def test_import_page_refuses_other_formats(
    client: Client, login: Callable[[Role], User], media: Path
) -> None:
    login(Role.OFFICER)
    response = _upload(client, b"name\nA\n", "co-quan.txt")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not (media / "imports").exists()


def test_export_page(
    client: Client, login: Callable[[Role], User], agencies: list[PressAgency]
) -> None:
    login(Role.LEADER)
    url = reverse("registry:export", args=["agencies"])
    as_csv = client.get(url, {"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "Báo Tuổi Trẻ" in as_csv.content.decode("utf-8-sig")
    as_xlsx = client.get(url, {"format": "xlsx"})
    assert as_xlsx.status_code == 200
    assert as_xlsx.content.startswith(b"PK")
    assert client.get(url, {"format": "pdf"}).status_code == 400
    assert client.get(reverse("registry:export", args=["nothing"])).status_code == 404


def test_unit_liaison_may_not_import_or_export(
    client: Client, login: Callable[[Role], User], media: Path
) -> None:
    login(Role.UNIT_LIAISON)
    assert client.get(reverse("registry:import", args=["agencies"])).status_code == 403
    assert _upload(client, b"name\nA\n", "a.csv").status_code == 403
    assert client.get(reverse("registry:export", args=["agencies"])).status_code == 403


# --- Commands --------------------------------------------------------------------------------
def test_commands_export_and_import(
    tmp_path: Path, agencies: list[PressAgency], make_user: Callable[..., User]
) -> None:
    officer = make_user(Role.OFFICER)
    target = tmp_path / "agencies.xlsx"
    call_command("registry_export", "agencies", str(target), stdout=io.StringIO())
    out = io.StringIO()

    call_command(
        "registry_import",
        "agencies",
        str(target),
        "--apply",
        "--user",
        officer.username,
        stdout=out,
    )

    report = json.loads(out.getvalue())
    assert report["applied"] is True
    assert report["unchanged"] == report["rows"] == PressAgency.objects.count()


def test_import_command_exits_1_on_invalid_rows(
    tmp_path: Path, agencies: list[PressAgency]
) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(csv_bytes(["name", "level"], [["Báo X", "nowhere"]]))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("registry_import", "agencies", str(source), "--apply", stdout=out)
    assert exit_info.value.code == 1
    report = json.loads(out.getvalue())
    assert report["problems"][0]["line"] == 2
    assert report["problems"][0]["column"] == "level"
    assert not PressAgency.objects.filter(name="Báo X").exists()
    with pytest.raises(CommandError, match="unknown registry type"):
        call_command("registry_import", "nothing", str(source))
    with pytest.raises(CommandError, match="no active user"):
        call_command("registry_import", "agencies", str(source), "--user", "nobody")
