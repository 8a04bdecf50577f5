from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Unit, User
from core import jobs
from core.access import Role

pytestmark = pytest.mark.django_db


def test_health_reports_a_silent_scheduler_as_degraded(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is True and body["scheduler"]["ok"] is False
    jobs.beat("scheduler")
    ok = client.get("/health/").json()
    assert ok["status"] == "ok" and ok["scheduler"]["detail"]["age_seconds"] <= 5
    assert ok["queue"]["detail"]["backend"] in {"sqlite", "redis"}


def test_token_client_writes_units_and_is_audited(make_user: Callable[..., User]) -> None:
    officer = make_user(Role.OFFICER)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
    response = api.post(
        "/api/v1/units/",
        {"code": "so-moi", "name": "Sở Mới", "kind": "department", "aliases": ["SM"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(code="so-moi")
    change = unit.changes().get()
    assert change.user == officer  # the token user, resolved after DRF authentication
    listed = api.get("/api/v1/units/", {"q": "so moi"}).json()
    assert [u["code"] for u in listed["results"]] == ["so-moi"]


def test_liaison_reads_but_cannot_write_units(make_user: Callable[..., User]) -> None:
    api = APIClient()
    api.force_authenticate(make_user(Role.UNIT_LIAISON))
    assert api.get("/api/v1/units/").status_code == 200
    denied = api.post("/api/v1/units/", {"code": "x", "name": "x", "kind": "other"}, format="json")
    assert denied.status_code == 403
    assert api.get("/api/v1/changes/").status_code == 403


def test_bad_input_names_the_field(make_user: Callable[..., User]) -> None:
    api = APIClient()
    api.force_authenticate(make_user(Role.OFFICER))
    response = api.post(
        "/api/v1/units/",
        {"code": "y", "name": "Y", "kind": "nonsense", "aliases": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "aliases"}


def test_change_log_api_filters_by_type(make_user: Callable[..., User]) -> None:
    api = APIClient()
    api.force_authenticate(make_user(Role.LEADER))
    Unit.objects.create(code="u1", name="U1", kind="other")
    body = api.get("/api/v1/changes/", {"object_type": "unit"}).json()
    assert body["count"] >= 1
    assert all(item["object_type"] == "unit" for item in body["results"])


@pytest.mark.django_db
def test_impossible_times_in_filters_are_a_400_not_a_500(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.OFFICER))
    for value in ["5409-11-11T03:55:36-19:24", "0001-01-01T00:00:00+07:00"]:
        answer = client.get("/api/v1/changes/", {"since": value})
        assert answer.status_code == 400 and "since" in answer.json()
    assert client.get("/api/v1/changes/", {"since": "2026-11-26T08:00:00+07:00"}).status_code == 200


@pytest.mark.django_db
def test_a_unit_period_ending_before_it_starts_is_a_400(make_user: Callable[..., User]) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.ADMIN))
    unit = Unit.objects.create(code="thu-nghiem", name="Phòng thử", kind="department")
    answer = client.patch(
        f"/api/v1/units/{unit.pk}/", {"valid_from": "2026-05-01", "valid_to": "2026-01-01"}
    )
    assert answer.status_code == 400 and "valid_to" in answer.json()
