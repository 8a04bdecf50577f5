"""The compliance page and the dashboard card."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.access import Role
from core.dashboard import cards_for
from registry import dashboard_cards
from registry.checks import list_findings
from registry.choices import AgencyLevel, ChannelKind, LicenceKind
from registry.models import Licence, PressAgency, ResidentReporter, StateChannel
from registry.views.compliance import group_by_kind, window_from

pytestmark = pytest.mark.django_db
URL = "/registry/compliance/"


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _agency(name: str) -> PressAgency:
    return PressAgency.objects.create(name=name, level=AgencyLevel.CENTRAL)


def _licence(number: str, expires_on: datetime.date) -> Licence:
    return Licence.objects.create(
        kind=LicenceKind.PRESS,
        number=number,
        issuer="Bộ VHTTDL",
        expires_on=expires_on,
        press_agency=_agency(f"Báo của giấy phép {number}"),
    )


def _reporter(name: str, **fields: Any) -> ResidentReporter:
    agency = _agency(f"Báo của {name}")
    return ResidentReporter.objects.create(
        agency=agency, full_name=name, card_number="TB-1", card_agency=agency, **fields
    )


def test_officer_sees_findings_grouped_with_links_to_records(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    reporter = _reporter("Trần Thị Hết Hạn", card_expires_on=_in(-2))
    licence = _licence("77/GP-THU", _in(20))
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trần Thị Hết Hạn" in page and reporter.get_absolute_url() in page
    assert "77/GP-THU" in page and licence.get_absolute_url() in page
    assert _in(-2).strftime("%d/%m/%Y") in page
    assert 'id="card_expired"' in page and 'id="licence_expiring"' in page
    assert "NĐ 119/2020/NĐ-CP" in page  # the legal basis of the expired card


def test_unconfirmed_basis_is_marked_to_verify(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    StateChannel.objects.create(
        kind=ChannelKind.FANPAGE, name="Fanpage Xã Thử", url="https://fb.example.vn/xathu"
    )
    page = client.get(URL).content.decode()
    assert "Fanpage Xã Thử" in page
    assert "cần xác minh" in page  # the existing translation of "to verify"


def test_window_filter(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.OFFICER)
    _licence("45/GP-THU", _in(45))
    assert "45/GP-THU" not in client.get(URL, {"window": "30"}).content.decode()
    assert "45/GP-THU" in client.get(URL, {"window": "60"}).content.decode()
    assert client.get(URL, {"window": "abc"}).context["window"] == 90


def test_window_from() -> None:
    assert [window_from(v) for v in ("30", "60", "90", "45", "", None, "x")] == [
        30,
        60,
        90,
        90,
        90,
        90,
        90,
    ]


def test_groups_follow_the_order_of_kinds() -> None:
    _reporter("Phóng Viên Thử", card_expires_on=_in(-2))
    _licence("1/GP-THU", _in(-1))
    groups = group_by_kind(list_findings(timezone.localdate(), 90))
    assert [g.kind for g in groups][:2] == ["licence_expired", "card_expired"]
    assert groups[0].bad == 1 and groups[0].warn == 0


def test_police_liaison_may_read_the_page(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.POLICE_LIAISON)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", [Role.UNIT_LIAISON, Role.PRESS_AGENCY])
def test_liaison_and_press_accounts_are_refused(
    client: Client, login: Callable[[Role], User], role: Role
) -> None:
    login(role)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_card_counts_findings_of_90_days(make_user: Callable[..., User]) -> None:
    assert callable(dashboard_cards.compliance_cards)  # registered on import (RegistryConfig.ready)
    _reporter("Thẻ Hết Hạn", card_expires_on=_in(-2))
    _licence("80/GP-THU", _in(80))
    officer = make_user(Role.OFFICER)
    [card] = [c for c in cards_for(officer) if c.url and "/registry/compliance/" in c.url]
    assert card.value == len(list_findings(timezone.localdate(), 90))
    assert card.tone == "bad"
    liaison = make_user(Role.UNIT_LIAISON)
    assert not [c for c in cards_for(liaison) if c.url and "/registry/compliance/" in c.url]
