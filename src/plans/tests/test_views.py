"""Plan pages: import with preview and confirmation, dashboard, names to resolve, settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Unit, User
from core.access import Role
from plans.models import Plan, TaskPeriod, TaskUnit
from plans.services import submit_report
from plans.tests.conftest import DEMO_PLAN
from plans.tests.helpers import import_demo, liaison

pytestmark = pytest.mark.usefixtures("units", "media")


def _upload(client: Client, content: bytes | None = None, name: str = "ke-hoach.txt") -> str:
    data = DEMO_PLAN.read_bytes() if content is None else content
    response = client.post("/plans/import/", {"file": SimpleUploadedFile(name, data)})
    return response.content.decode() if response.status_code in (200, 400) else ""


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    page = _upload(client)
    assert "45/KH-UBND" in page and "Trung tâm Truyền thông tỉnh" in page
    assert "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng" in page  # the matched unit
    assert not Plan.objects.exists()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(
        "/plans/import/confirm/", {"token": token, "name": "ke-hoach.txt"}, follow=True
    )
    plan = Plan.objects.get()
    assert response.redirect_chain[-1][0] == f"/plans/{plan.pk}/"
    assert plan.imported_by is not None and str(plan.source_file.name).endswith(".txt")
    assert TaskPeriod.objects.filter(task__plan=plan).exists()
    # the same file again: the preview warns, confirming without "replace" is refused
    page = _upload(client)
    assert "imported already" in page or "đã được nhập" in page
    client.post("/plans/import/confirm/", {"token": token, "name": "ke-hoach.txt"})
    assert Plan.objects.count() == 1


def test_bad_uploads_are_refused(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.OFFICER)
    response = client.post("/plans/import/", {"file": SimpleUploadedFile("plan.pdf", b"%PDF")})
    assert response.status_code == 400
    response = client.post(
        "/plans/import/", {"file": SimpleUploadedFile("plan.txt", "Không có gì.".encode())}
    )
    assert response.status_code == 400 and not Plan.objects.exists()
    response = client.post("/plans/import/confirm/", {"token": "../../etc", "name": "x.txt"})
    assert response.status_code == 302 and not Plan.objects.exists()


def test_only_office_staff_import_and_leaders_only_read(
    client: Client, make_user: Callable[..., User]
) -> None:
    plan = import_demo()
    assert client.get("/plans/import/").status_code == 302  # anonymous: sign in
    client.force_login(make_user(Role.LEADER))
    assert client.get("/plans/import/").status_code == 403
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    client.force_login(make_user(Role.PRESS_AGENCY))
    assert client.get("/plans/list/").status_code == 403
    client.force_login(liaison("so-y-te-lam-dong"))
    assert client.get("/plans/import/").status_code == 403
    assert client.get("/plans/").url == "/plans/periods/"  # type: ignore[attr-defined]


def test_plan_dashboard_shows_completion_per_task_and_unit(
    client: Client, login: Callable[[Role], User]
) -> None:
    plan = import_demo()
    period = TaskPeriod.objects.get(task__plan=plan, task__code="5")
    submit_report(period, user=None, status="done", text="Hoàn thành.")
    login(Role.OFFICER)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert '<progress max="100" value="100"' in page  # task 5: its one period is done
    assert "Sở Y tế tỉnh Lâm Đồng" in page
    assert client.get("/plans/").url == "/plans/list/"  # type: ignore[attr-defined]
    listing = client.get("/plans/periods/?when=reported").content.decode()
    assert period.task.title[:30] in listing


def test_resolving_an_unmatched_name_adds_the_unit_to_its_tasks(
    client: Client, login: Callable[[Role], User]
) -> None:
    plan = import_demo()
    login(Role.OFFICER)
    name = plan.unmatched_names.get()
    assert "Trung tâm Truyền thông tỉnh" in client.get(f"/plans/{plan.pk}/names/").content.decode()
    unit = Unit.objects.get(code="so-vhttdl-lam-dong")
    client.post(f"/plans/{plan.pk}/names/", {"name": name.pk, "action": "resolve", "unit": unit.pk})
    name.refresh_from_db()
    assert name.resolved_unit == unit
    link = TaskUnit.objects.get(task__code="4.2", name_as_written=name.raw_name)
    assert (link.unit, link.role, link.method) == (unit, "coordinating", "manual")
    other = plan.unmatched_names.create(raw_name="Đơn vị lạ", occurrences=[])
    client.post(f"/plans/{plan.pk}/names/", {"name": other.pk, "action": "ignore"})
    other.refresh_from_db()
    assert other.ignored


def test_settings_change_recomputes_periods(client: Client, login: Callable[[Role], User]) -> None:
    plan = import_demo()
    login(Role.OFFICER)
    before = TaskPeriod.objects.filter(task__plan=plan, task__code="1.1").count()
    data = {
        "status": "active",
        "report_cadence": "quarterly",
        "report_month": 12,
        "report_day": 20,
        "track_from": plan.track_from.isoformat(),
        "track_to": plan.track_to.isoformat(),
        "reminder_days": 5,
    }
    response = client.post(f"/plans/{plan.pk}/settings/", data)
    assert response.status_code == 302
    after = TaskPeriod.objects.filter(task__plan=plan, task__code="1.1")
    assert after.count() > before
    assert {p.due.day for p in after} == {20}
    bad = client.post(f"/plans/{plan.pk}/settings/", {**data, "report_month": 13})
    assert bad.status_code == 400


def test_dashboard_cards_count_the_units_own_periods(client: Client) -> None:
    import_demo()
    client.force_login(liaison("so-y-te-lam-dong"))
    page = client.get("/dashboard/").content.decode()
    assert "/plans/periods/?when=overdue" in page and "/plans/periods/?when=month" in page


def test_every_office_page_renders(client: Client, login: Callable[[Role], User]) -> None:
    from core.bootstrap import BootstrapReport
    from plans.bootstrap import load_demo_activities
    from plans.models import Inspection, PressOrder, TrainingEvent
    from registry.choices import AgencyLevel
    from registry.models import GeneralSite, PressAgency

    PressAgency.objects.create(name="Báo Nắng Cao Nguyên", level=AgencyLevel.PROVINCIAL)
    GeneralSite.objects.create(name="Tin tức Gia Nghĩa 24h", owner_organisation="Công ty minh họa")
    plan = import_demo()
    load_demo_activities(BootstrapReport())
    login(Role.OFFICER)
    task = plan.tasks.get(code="4.2")
    period = TaskPeriod.objects.filter(task__plan=plan).first()
    assert period is not None
    paths = [
        "/plans/list/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/settings/",
        f"/plans/{plan.pk}/names/", f"/plans/tasks/{task.pk}/", "/plans/periods/?when=all",
        f"/plans/periods/{period.pk}/", "/plans/training/", "/plans/training/new/",
        f"/plans/training/{TrainingEvent.objects.first().pk}/edit/",  # type: ignore[union-attr]
        "/plans/inspections/", "/plans/inspections/new/",
        f"/plans/inspections/{Inspection.objects.get().pk}/",
        "/plans/orders/", "/plans/orders/new/", f"/plans/orders/{PressOrder.objects.get().pk}/",
        f"/plans/orders/{PressOrder.objects.get().pk}/edit/", "/plans/import/",
    ]  # fmt: skip
    wrong = [p for p in paths if client.get(p).status_code != 200]
    assert wrong == []
    fragment = client.get(
        "/plans/periods/?when=all", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="period-table"
    )
    assert "<html" not in fragment.content.decode()
