from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.test.utils import override_settings

from accounts.models import LoginFailure, Unit, UnitKind, User
from accounts.tests.factories import PASSWORD, make_unit
from core.access import Role
from core.models import ChangeAction


def test_sign_in_and_out(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.OFFICER)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_failures_lock_sign_in(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.OFFICER)
    for _ in range(3):
        client.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    assert LoginFailure.objects.filter(username=user.username).count() == 3
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "bị tạm khóa" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_unit_created_in_the_ui_is_audited_with_its_author(
    client: Client, login: Callable[[Role], User]
) -> None:
    officer = login(Role.OFFICER)
    response = client.post(
        "/accounts/units/new/",
        {
            "code": "ubnd-xa-thu",
            "name": "UBND xã Đắk Thử",
            "kind": UnitKind.COMMUNE,
            "aliases": "UBND xã Dak Thu\nxã Đăk Thử",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="ubnd-xa-thu")
    assert unit.aliases == ["UBND xã Dak Thu", "xã Đăk Thử"]
    change = unit.changes().get(action=ChangeAction.CREATE)
    assert change.user == officer
    assert change.postchange is not None and change.postchange["name"] == "UBND xã Đắk Thử"
    page = client.get(f"/accounts/units/{unit.pk}/").content.decode()
    assert "Lịch sử thay đổi" in page


def test_invalid_unit_form_says_which_field(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.OFFICER)
    response = client.post(
        "/accounts/units/new/",
        {
            "code": "x",
            "name": "X",
            "kind": UnitKind.OTHER,
            "valid_from": "2025-07-01",
            "valid_to": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["valid_to"]


def test_unit_search_ignores_accents_and_spelling_variants(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.UNIT_LIAISON)
    make_unit(name="Ủy ban nhân dân huyện Đắk R'lấp", aliases=["UBND huyện Đăk R’lấp"])
    make_unit(name="Sở Y tế")
    for query in ["dak r'lap", "ĐĂK R’LẤP", "Dak R'lap"]:
        response = client.get("/accounts/units/", {"q": query, "period": "all"})
        assert "Đắk R&#x27;lấp" in response.content.decode(), query
        assert "Sở Y tế" not in response.content.decode()


def test_unit_list_answers_htmx_with_the_table_only(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    response = client.get("/accounts/units/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="unit-table")
    body = response.content.decode()
    assert "<html" not in body
    assert "<table" in body or "empty" in body


def test_new_account_gets_a_set_password_link(
    client: Client,
    login: Callable[[Role], User],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    login(Role.ADMIN)
    unit = make_unit()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = client.post(
            "/accounts/users/new/",
            {
                "username": "lienlac.moi",
                "full_name": "Y Thu Êban",
                "email": "moi@example.vn",
                "role": Role.UNIT_LIAISON,
                "unit": unit.pk,
                "is_active": "on",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="lienlac.moi")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", str(mail.outbox[0].body))
    assert link is not None
    path = link.group(0).split("8000", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lam-Dong-2026-ok", "new_password2": "Lam-Dong-2026-ok"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Lam-Dong-2026-ok")


def test_unit_role_without_unit_is_refused(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.ADMIN)
    response = client.post(
        "/accounts/users/new/",
        {"username": "x", "role": Role.UNIT_LIAISON, "is_active": "on"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.UNIT_LIAISON])
def test_dashboard_shows_counted_figures(
    client: Client, login: Callable[[Role], User], role: Role
) -> None:
    user = login(role)
    page = client.get("/dashboard/").content.decode()
    if role == Role.OFFICER:
        assert "Đơn vị đang hoạt động" in page
    else:
        assert user.unit is not None and user.unit.display_name in page


@pytest.mark.django_db
def test_vietnamese_first_whatever_the_browser_says(client: Client) -> None:
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Sign in to PressWatch" in client.get("/accounts/login/").content.decode()
