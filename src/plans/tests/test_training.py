"""Training events, yearly targets, inspections and the demo bootstrap steps."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import Unit, User
from core.access import Role
from core.bootstrap import BootstrapReport
from plans.bootstrap import load_demo_activities, load_demo_plan
from plans.models import Inspection, Plan, PressOrder, TrainingEvent
from plans.tests.helpers import import_demo, liaison
from plans.training import training_targets, unmet_targets
from registry.choices import AgencyLevel
from registry.models import GeneralSite, PressAgency

pytestmark = pytest.mark.usefixtures("units", "media")
D = datetime.date


def _event(task_code: str | None, day: datetime.date, plan: Plan) -> TrainingEvent:
    return TrainingEvent.objects.create(
        kind="journalists",
        title=f"Tập huấn {day}",
        date=day,
        organiser=Unit.objects.get(code="hoi-nha-bao-dak-nong"),
        participants_count=30,
        task=plan.tasks.get(code=task_code) if task_code else None,
    )


def test_at_least_once_a_year_targets_list_the_unmet_years() -> None:
    plan = import_demo()  # task 4.1: "Ít nhất 01 đợt/năm"; window 10/02/2026 – 31/12/2027
    today = D(2027, 6, 1)
    assert [(s.task.code, s.year, s.held) for s in unmet_targets(today)] == [
        ("4.1", 2026, 0),
        ("4.1", 2027, 0),
    ]
    _event("4.1", D(2026, 5, 4), plan)
    _event(None, D(2027, 3, 1), plan)  # not linked to the task: does not count
    assert [(s.year, s.held) for s in unmet_targets(today)] == [(2027, 0)]
    assert [(s.year, s.met) for s in training_targets(today)] == [(2026, True), (2027, False)]
    assert [s.year for s in unmet_targets(D(2026, 12, 31))] == []  # 2027 has not begun


def test_training_pages(client: Client, login: Callable[[Role], User]) -> None:
    plan = import_demo()
    login(Role.OFFICER)
    page = client.get("/plans/training/").content.decode()
    assert "4.1" in page
    organiser = Unit.objects.get(code="so-vhttdl-lam-dong")
    response = client.post(
        "/plans/training/new/",
        {
            "kind": "spokespersons",
            "title": "Tập huấn phát ngôn 2026",
            "date": "2026-04-10",
            "organiser": organiser.pk,
            "participants_count": 45,
            "participants": "Sở Y tế\nSở Tư pháp",
            "task": plan.tasks.get(code="4.2").pk,
        },
    )
    event = TrainingEvent.objects.get()
    assert response.status_code == 302 and response.url == f"/plans/training/{event.pk}/"  # type: ignore[attr-defined]
    assert event.participant_list == ["Sở Y tế", "Sở Tư pháp"]
    assert "Sở Tư pháp" in client.get(f"/plans/training/{event.pk}/").content.decode()
    # the organiser's liaison sees its event; another unit's does not
    client.force_login(liaison("so-vhttdl-lam-dong"))
    assert client.get(f"/plans/training/{event.pk}/").status_code == 200
    client.force_login(liaison("so-y-te-lam-dong"))
    assert client.get(f"/plans/training/{event.pk}/").status_code == 404


def test_inspection_needs_exactly_one_target(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.OFFICER)
    agency = PressAgency.objects.create(name="Báo Thử", level=AgencyLevel.PROVINCIAL)
    site = GeneralSite.objects.create(name="Trang Thử", owner_organisation="Công ty Thử")
    data = {
        "kind": "periodic",
        "date": "2026-05-01",
        "status": "done",
        "findings": "Đúng quy định.",
    }
    both = client.post(
        "/plans/inspections/new/", {**data, "press_agency": agency.pk, "general_site": site.pk}
    )
    assert both.status_code == 400 and not Inspection.objects.exists()
    response = client.post(
        "/plans/inspections/new/", {**data, "general_site": site.pk, "opens_case": "on"}
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.target == site and inspection.opens_case
    page = client.get(f"/plans/inspections/{inspection.pk}/").content.decode()
    assert "Trang Thử" in page
    assert "Trang Thử" in client.get("/plans/inspections/").content.decode()
    client.force_login(liaison("so-y-te-lam-dong"))
    assert client.get(f"/plans/inspections/{inspection.pk}/").status_code == 404
    assert client.get("/plans/inspections/new/").status_code == 403


def test_demo_bootstrap_steps_are_idempotent() -> None:
    PressAgency.objects.create(name="Báo Nắng Cao Nguyên", level=AgencyLevel.PROVINCIAL)
    GeneralSite.objects.create(name="Tin tức Gia Nghĩa 24h", owner_organisation="Công ty minh họa")
    for _run in range(2):
        report = BootstrapReport()
        load_demo_plan(report)
        load_demo_activities(report)
    assert Plan.objects.count() == 1
    assert TrainingEvent.objects.count() == 2
    assert Inspection.objects.count() == 1 and PressOrder.objects.count() == 1
    assert Plan.objects.get().tasks.get(code="1.2").periods.filter(reported_at__isnull=False)
