"""Two-step sign-in: RFC 6238 codes, the sign-in flow, set-up, turning off and the admin reset."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from django.test import Client

from accounts import totp
from accounts.models import LoginFailure, User
from core.access import Role

PASSWORD = "Mat-khau-rat-dai-2026"


def test_rfc6238_vector() -> None:
    secret = base64.b32encode(b"12345678901234567890").decode()
    # RFC 6238 appendix B, SHA-1, T = 59 s → 94287082 (8 digits): the last 6 digits
    assert totp.code_at(secret, totp.current_step(59)) == "287082"
    assert totp.code_at(secret, totp.current_step(1111111109)) == "081804"


def test_verify_window_and_replay() -> None:
    secret = totp.new_secret()
    now = 1_800_000_000.0
    step = totp.current_step(now)
    assert totp.verify(secret, totp.code_at(secret, step), now=now) == step
    assert totp.verify(secret, totp.code_at(secret, step - 1), now=now) == step - 1  # drift
    assert totp.verify(secret, totp.code_at(secret, step - 3), now=now) is None
    assert totp.verify(secret, totp.code_at(secret, step), last_step=step, now=now) is None
    code = totp.code_at(secret, step)
    assert totp.verify(secret, f"{code[:3]} {code[3:]}", now=now) == step  # typed with a space
    assert totp.verify(secret, "12345", now=now) is None
    assert "secret=" + secret in totp.provisioning_uri(secret, account="canbo", issuer="PressWatch")


def _user_with_two_step(make_user: Callable[..., User]) -> User:
    user = make_user(Role.OFFICER, username="canbo.hai")
    user.set_password(PASSWORD)
    user.totp_secret = totp.new_secret()
    from django.utils import timezone

    user.totp_enabled_at = timezone.now()
    user.save()
    return user


@pytest.mark.django_db
def test_sign_in_asks_for_the_code(client: Client, make_user: Callable[..., User]) -> None:
    user = _user_with_two_step(make_user)
    answer = client.post(
        "/accounts/login/?next=/monitoring/articles/",
        {"username": "canbo.hai", "password": PASSWORD},
    )
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/code/"
    assert client.get("/dashboard/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/login/code/", {"code": "000000"})
    assert wrong.status_code == 400 and LoginFailure.objects.filter(username="canbo.hai").exists()
    code = totp.code_at(user.totp_secret, totp.current_step())
    done = client.post("/accounts/login/code/", {"code": code})
    assert done.status_code == 302 and done["Location"] == "/monitoring/articles/"
    assert client.get("/dashboard/").status_code == 200
    client.logout()
    client.post("/accounts/login/", {"username": "canbo.hai", "password": PASSWORD})
    replay = client.post("/accounts/login/code/", {"code": code})
    assert replay.status_code == 400  # a code is used once


@pytest.mark.django_db
def test_code_page_without_a_password_step_goes_back(client: Client) -> None:
    answer = client.get("/accounts/login/code/")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_set_up_turn_off_and_admin_reset(
    client: Client, make_user: Callable[..., User], login: Callable[[Role], User]
) -> None:
    user = make_user(Role.LEADER, username="lanhdao.hai")
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)
    page = client.get("/accounts/two-step/setup/")
    assert page.status_code == 200 and b"<svg" in page.content
    secret = client.session["two_step_setup"]
    assert client.post("/accounts/two-step/setup/", {"code": "123456"}).status_code == 400
    step = totp.current_step()
    client.post("/accounts/two-step/setup/", {"code": totp.code_at(secret, step)})
    user.refresh_from_db()
    assert user.totp_enabled and user.totp_secret == secret
    # the secret never reaches the audit trail in clear
    change = user.changes().first()
    assert change is not None and secret not in str(change.postchange)
    # turning off needs the password and a fresh code
    refused = client.post(
        "/accounts/two-step/off/", {"password": "sai", "code": totp.code_at(secret, step + 1)}
    )
    assert refused.status_code == 400
    assert User.objects.get(pk=user.pk).totp_enabled
    admin = login(Role.ADMIN)
    assert admin.pk != user.pk
    assert client.post(f"/accounts/users/{user.pk}/two-step/reset/").status_code == 302
    after_reset = User.objects.get(pk=user.pk)
    assert not after_reset.totp_enabled and after_reset.totp_secret == ""
    login(Role.OFFICER)
    assert client.post(f"/accounts/users/{user.pk}/two-step/reset/").status_code == 403
