"""Plan task 5.2: a unit's liaison reports an article about its field. The case starts
"received" with intake "unit report"; the reporting unit and the office see it, another unit
does not (every case URL answers 403 or 404); the page is captured as evidence."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import Sector
from cases.choices import CaptureState, CaseState, IntakeKind
from cases.models import Case
from cases.tests.helpers import department, user
from cases.tests.test_scoping import case_urls
from core.access import Role
from core.models import OutboundEmail
from monitoring.tests.webfake import serve

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cases.tests.urls")]
PAGE = "<html><body><h1>Bệnh viện quá tải?</h1><p>Thông tin chưa kiểm chứng.</p></body></html>"


def test_a_liaison_reports_an_article_and_only_its_unit_and_the_office_see_it(
    client: Client, tmp_path: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    health = department()
    Sector.objects.update_or_create(
        code="y_te", defaults={"name": "Y tế", "name_en": "Health", "responsible_unit": health}
    )
    liaison = user(Role.UNIT_LIAISON, unit=health)
    officer = user(Role.OFFICER, email="canbo@example.vn")
    client.force_login(liaison)
    assert client.get("/cases/report/").status_code == 200
    assert "/cases/report/" in client.get("/cases/").content.decode()
    with serve() as site:
        site.put("/bai/1", PAGE)
        form = {
            "url": site.url("/bai/1"),
            "title": "Bệnh viện tỉnh quá tải",
            "note": "Bài viết đưa thông tin chưa chính xác về tình trạng quá tải.",
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/cases/report/", form)
        assert response.status_code == 302
    case = Case.objects.get()
    assert (case.state, case.intake_kind) == (CaseState.RECEIVED, IntakeKind.UNIT_REPORT)
    assert case.reported_by_unit == health and case.opened_by == liaison
    assert case.source_label == form["url"] and case.summary == form["note"]
    assert case.sector_id == "y_te" and not case.assignments.exists()
    evidence = case.evidence.get()
    assert evidence.url == form["url"] and evidence.capture_state == CaptureState.CAPTURED
    assert any(officer.email in message.to for message in OutboundEmail.objects.all())

    # the reporting unit sees it (list, page, API) but takes no office step
    assert response["Location"] == f"/cases/{case.pk}/"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert case.title in page and health.name in page
    assert f"/cases/{case.pk}/edit/" not in page and "/step/" not in page
    assert case.title in client.get("/cases/").content.decode()
    assert [row["id"] for row in client.get("/api/v1/cases/").json()["results"]] == [case.pk]
    assert client.post(f"/cases/{case.pk}/step/triaged/").status_code == 403
    # the office sees and triages it
    client.force_login(officer)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.post(f"/cases/{case.pk}/step/triaged/", {"comment": "ok"}).status_code == 302
    assert Case.objects.get(pk=case.pk).state == CaseState.TRIAGED

    # another unit: not in its list, 403/404 on every case URL
    values = {
        "pk": case.pk,
        "assignment_pk": 0,
        "evidence_pk": evidence.pk,
        "letter_pk": 0,
        "kind": "request",
        "to": "verifying",
    }
    for role in (Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY):
        client.force_login(user(role, unit=department()))
        wrong = []
        for url, methods in case_urls(values):
            for method in methods:
                status = getattr(client, method)(url).status_code
                if status not in (403, 404):
                    wrong.append(f"{role} {method.upper()} {url}: {status}")
        assert wrong == []
        listing = client.get("/cases/")
        assert listing.status_code == 403 or case.title not in listing.content.decode()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADER, Role.PRESS_AGENCY])
def test_only_unit_liaisons_report(client: Client, role: Role) -> None:
    client.force_login(user(role))
    form = {"url": "https://example.vn/bai", "note": "x"}
    assert client.post("/cases/report/", form).status_code == 403
    assert not Case.objects.exists()


def test_a_report_needs_an_address_and_a_note(client: Client) -> None:
    client.force_login(user(Role.POLICE_LIAISON))
    assert client.post("/cases/report/", {"url": "not a url", "note": ""}).status_code == 400
    assert not Case.objects.exists()
