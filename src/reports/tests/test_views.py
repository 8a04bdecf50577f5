"""Pages: permissions, a new run from the form, the polling row, the leaders' page and the links
behind its figures, settings and subscriptions."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases import services
from cases.tests.helpers import commune, open_case, user
from core.access import Role
from reports.choices import ReportKind, RunStatus
from reports.models import DigestSubscription, ReportRun, ReportSettings
from reports.tests.helpers import article, at, outlet

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
PAGES = [
    "/reports/",
    "/reports/new/",
    "/reports/leaders/",
    "/reports/articles/",
    "/reports/subscriptions/",
]


@pytest.mark.parametrize("role", [Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY])
def test_unit_roles_are_refused(client: Client, role: Role) -> None:
    client.force_login(user(role))
    for page in [*PAGES, "/reports/settings/"]:
        assert client.get(page).status_code == 403, page


def test_leader_reads_but_does_not_configure(client: Client) -> None:
    client.force_login(user(Role.LEADER))
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    assert client.get("/reports/settings/").status_code == 403


def test_new_run_is_queued_generated_and_shown(
    client: Client, media: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(user(Role.OFFICER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/reports/new/",
            {"kind": ReportKind.BRIEFING, "preset": "last_month", "orientation": "Định hướng A."},
        )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{run.pk}/"
    assert run.status == RunStatus.DONE and run.orientation == "Định hướng A."
    page = client.get(f"/reports/{run.pk}/").content.decode()
    assert "Định hướng A." in page and f"/reports/{run.pk}/download/xlsx/" in page
    row = client.get(f"/reports/{run.pk}/row/").content.decode()
    assert "hx-trigger" not in row  # done: no more polling
    download = client.get(f"/reports/{run.pk}/download/xlsx/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/reports/{run.pk}/again/", {"orientation": "Định hướng B."})
    assert again.status_code == 302
    assert ReportRun.objects.latest("pk").orientation == "Định hướng B."


def test_queued_row_polls_every_two_seconds(client: Client) -> None:
    client.force_login(user(Role.OFFICER))
    run = ReportRun.objects.create(
        kind=ReportKind.DIGEST,
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 10, 1),
    )
    listing = client.get("/reports/").content.decode()
    assert f'hx-get="/reports/{run.pk}/row/" hx-trigger="every 2s"' in listing
    assert 'hx-trigger="every 2s"' in client.get(f"/reports/{run.pk}/status/").content.decode()
    assert "<script" not in listing.split("</head>")[1]


def test_form_errors(client: Client) -> None:
    client.force_login(user(Role.OFFICER))
    response = client.post("/reports/new/", {"kind": ReportKind.ANNUAL, "preset": "last_month"})
    assert response.status_code == 200 and not ReportRun.objects.exists()
    response = client.post(
        "/reports/new/",
        {"kind": ReportKind.DIGEST, "preset": "range", "date": "2026-10-05", "end": "2026-10-01"},
    )
    assert response.status_code == 200 and not ReportRun.objects.exists()


def test_leaders_page_figures_link_to_their_lists(client: Client) -> None:
    today = timezone.localdate()
    source = outlet("Báo Cao Nguyên Thử", "provincial")
    article(source, at(today, 0, 5), tone="negative", sectors=["y_te"], localities=["gia-nghia"])
    article(source, at(today, 0, 10), tone="positive", sectors=["y_te"])
    officer = user(Role.OFFICER)
    case = open_case(officer)
    services.assign(case, officer, [commune()], due_date=today - datetime.timedelta(days=2))
    client.force_login(user(Role.LEADER))
    page = client.get("/reports/leaders/").content.decode()
    assert "<svg" in page
    links = set(re.findall(r'href="(/[^"#]*)', page))
    behind = ("/reports/articles/", "/cases/", "/findings/", "/plans/", "/registry/compliance/")
    targets = [link.replace("&amp;", "&") for link in links if link.startswith(behind)]
    assert any(t.startswith("/reports/articles/?") and "tone=negative" in t for t in targets)
    assert any(t.startswith("/cases/?") and "overdue=1" in t for t in targets)
    assert any(t.startswith("/findings/?status=proposed") for t in targets)
    assert any(t.startswith("/plans/periods/?when=overdue") for t in targets)
    for target in targets:
        assert client.get(target, follow=True).status_code == 200, target
    listing = client.get(
        f"/reports/articles/?start={today}&end={today}&tone=negative&sector=y_te"
    ).content.decode()
    assert len(re.findall(r'href="/monitoring/articles/\d+/"', listing)) == 1


def test_settings_and_own_subscriptions(client: Client) -> None:
    officer = user(Role.OFFICER)
    client.force_login(officer)
    response = client.post(
        "/reports/settings/",
        {
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": "Lê Văn D",
            "recipients": "UBND tỉnh\nLưu: VT",
        },
    )
    assert response.status_code == 302
    assert ReportSettings.current().signer_name == "Lê Văn D"
    client.post("/reports/subscriptions/toggle/", {"frequency": "daily"})
    assert DigestSubscription.objects.get(user=officer).active
    client.post("/reports/subscriptions/toggle/", {"frequency": "daily"})
    assert not DigestSubscription.objects.get(user=officer).active
