"""A unit sees only the cases assigned to it: every case URL of the pages and of the API answers
another unit's liaison with 403 or 404 (for GET and POST), while the assigned unit gets in."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cases import services
from cases.choices import EvidenceKind, LetterKind
from cases.models import Case, Evidence, Letter
from cases.tests.helpers import commune, department, open_case, user
from core.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cases.tests.urls")]


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def _fill(route: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        return str(values[match.group(1)])

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", value, route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", value, path)
    return "/" + path


def case_urls(values: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Every page and API route that names a case (its pk), filled in for ``values``, with the
    methods to try: GET and POST for pages, the methods an API route answers."""
    urls = []
    for raw, pattern in _patterns(get_resolver()):
        name = pattern.name or ""
        route = raw.replace("^", "").replace("$", "")
        is_page = route.startswith("cases/<int:pk>")
        is_api = route.startswith("api/v1/cases/") and "format" not in route and "<pk>" in route
        if is_page:
            urls.append((_fill(route, values), ("get", "post")))
        elif is_api:
            methods = tuple(getattr(pattern.callback, "actions", {"get": ""}))
            urls.append((_fill(route, values), methods))
        assert name != "public_detail" or route.startswith("cases/public/")
    return sorted(set(urls))


@pytest.fixture
def world(tmp_path: Any, settings: Any) -> dict[str, Any]:
    settings.EVIDENCE_ROOT = tmp_path
    ward, health = commune(), department()
    officer = user(Role.OFFICER)
    case = open_case(officer)
    services.assign(case, officer, [ward, health])
    evidence = Evidence(
        case=case,
        kind=EvidenceKind.UPLOAD,
        original_name="scan.pdf",
        sha256="0" * 64,
        captured_at=timezone.now(),
    )
    evidence.file.save("scan.pdf", ContentFile(b"%PDF-1.4"), save=False)
    evidence.save()
    letter = Letter.objects.create(
        case=case,
        kind=LetterKind.REQUEST,
        date=datetime.date(2026, 3, 2),
        subject="s",
        body="b",
        signer_title="t",
        signer_name="n",
    )
    letter.file.save("l.docx", ContentFile(b"docx"), save=True)
    letter.units.set([ward, health])
    values = {
        "pk": case.pk,
        "assignment_pk": case.assignments.first().pk,  # type: ignore[union-attr]
        "evidence_pk": evidence.pk,
        "letter_pk": letter.pk,
        "kind": "request",
        "to": "verifying",
    }
    return {"case": case, "ward": ward, "health": health, "values": values}


def test_the_walk_covers_every_kind_of_case_url(world: dict[str, Any]) -> None:
    urls = [url for url, _methods in case_urls(world["values"])]
    pk = world["case"].pk
    for expected in (
        f"/cases/{pk}/",
        f"/cases/{pk}/respond/",
        f"/cases/{pk}/package/",
        f"/cases/{pk}/letters/new/request/",
        f"/cases/{pk}/letters/{world['values']['letter_pk']}/",
        f"/cases/{pk}/evidence/{world['values']['evidence_pk']}/",
        f"/cases/{pk}/edit/",
        f"/cases/{pk}/evidence/panel/",
        f"/cases/{pk}/evidence/{world['values']['evidence_pk']}/retry/",
        f"/cases/{pk}/letters/{world['values']['letter_pk']}/issue/",
        f"/api/v1/cases/{pk}/",
        f"/api/v1/cases/{pk}/respond/",
        f"/api/v1/cases/{pk}/package/",
    ):
        assert expected in urls
    assert len(urls) >= 20


@pytest.mark.parametrize("role", [Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY])
def test_another_unit_gets_403_or_404_on_every_case_url(
    client: Client, world: dict[str, Any], role: Role
) -> None:
    client.force_login(user(role, unit=department()))
    wrong = []
    for url, methods in case_urls(world["values"]):
        for method in methods:
            status = getattr(client, method)(url).status_code
            if status not in (403, 404):
                wrong.append(f"{method.upper()} {url}: {status}")
    assert wrong == []
    case: Case = world["case"]
    case.refresh_from_db()
    assert not case.events.filter(action="answered").exists()
    listing = client.get("/cases/")
    assert listing.status_code == 403 or case.title not in listing.content.decode()
    api = client.get("/api/v1/cases/")
    assert api.status_code == 403 or api.json()["count"] == 0


def test_the_assigned_unit_reads_its_case_and_nothing_else(
    client: Client, world: dict[str, Any]
) -> None:
    liaison = user(Role.UNIT_LIAISON, unit=world["ward"])
    other = open_case(user(Role.OFFICER), title="Vụ việc của đơn vị khác")
    services.assign(other, user(Role.OFFICER), [world["health"]])
    client.force_login(liaison)
    pk = world["case"].pk
    values = world["values"]
    assert client.get(f"/cases/{pk}/").status_code == 200
    assert client.get(f"/cases/{pk}/letters/{values['letter_pk']}/").status_code == 200
    assert client.get(f"/cases/{pk}/evidence/{values['evidence_pk']}/").status_code == 200
    assert client.get(f"/cases/{pk}/package/").status_code == 404  # the package is the office's
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    api = client.get("/api/v1/cases/").json()
    assert [row["id"] for row in api["results"]] == [pk]
    detail = client.get(f"/api/v1/cases/{pk}/").json()
    assert [a["unit"] for a in detail["assignments"]] == [world["ward"].pk]
    page = client.get(f"/cases/{pk}/").content.decode()
    assert world["health"].name not in page  # the other unit's assignment is not shown
