"""Every URL declares a capability, and each role reaches exactly what it should."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from accounts.tests.factories import make_unit
from core.access import EXTERNAL_VIEWS, Role, declared_capability


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def test_every_url_pattern_declares_a_capability() -> None:
    missing = []
    for route, pattern in _patterns(get_resolver()):
        callback = pattern.callback
        name = f"{callback.__module__}.{getattr(callback, '__name__', '')}"
        if declared_capability(callback) is None and name not in EXTERNAL_VIEWS:
            missing.append(route)
    assert missing == [], f"views without a declared capability: {missing}"


ROLES: list[Role | None] = [None, *Role]
OFFICE = {Role.ADMIN, Role.OFFICER, Role.LEADER}
EVERYONE_SIGNED_IN = set(Role)

#: path → roles that get 200 (others: anonymous is sent to sign in, signed-in users get 403)
MATRIX: dict[str, set[Role]] = {
    "/dashboard/": EVERYONE_SIGNED_IN,
    "/accounts/profile/": EVERYONE_SIGNED_IN,
    "/accounts/units/": EVERYONE_SIGNED_IN,
    "/accounts/units/{unit}/": EVERYONE_SIGNED_IN,
    "/accounts/sectors/": EVERYONE_SIGNED_IN,
    "/places/": EVERYONE_SIGNED_IN,
    "/accounts/units/new/": {Role.ADMIN, Role.OFFICER},
    "/accounts/units/{unit}/edit/": {Role.ADMIN, Role.OFFICER},
    "/accounts/users/": {Role.ADMIN},
    "/accounts/users/new/": {Role.ADMIN},
    "/changes/": OFFICE,
    "/operations/": {Role.ADMIN},
    "/api/v1/units/": EVERYONE_SIGNED_IN,
    "/api/v1/users/": {Role.ADMIN},
    "/api/v1/changes/": OFFICE,
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_role_matrix(client: Client, make_user: Callable[..., User], role: Role | None) -> None:
    unit = make_unit()
    if role is not None:
        client.force_login(make_user(role))
    wrong = []
    for template, allowed in MATRIX.items():
        path = template.format(unit=unit.pk)
        status = client.get(path).status_code
        if role in allowed:
            expected = {200}
        elif role is None:
            expected = {302, 401, 403}  # sign-in redirect (pages) or 401/403 (API)
        else:
            expected = {403}
        if status not in expected:
            wrong.append(f"{path}: {status} (expected {sorted(expected)})")
    assert wrong == []


@pytest.mark.django_db
def test_public_pages_need_no_account(client: Client) -> None:
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/health/").status_code in {200, 503}
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_navigation_shows_only_allowed_modules(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.UNIT_LIAISON)
    page = client.get("/dashboard/").content.decode()
    assert "/accounts/units/" in page
    assert "/changes/" not in page
    assert "/accounts/users/" not in page
    assert "/operations/" not in page
