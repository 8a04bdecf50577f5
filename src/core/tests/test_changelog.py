from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from accounts.tests.factories import make_unit
from core.access import Role
from core.context import acting
from core.models import ChangeAction, ChangeLoggedModel, ObjectChange

pytestmark = pytest.mark.django_db


def _changes(obj: ChangeLoggedModel) -> list[ObjectChange]:
    return list(obj.changes().order_by("pk"))


def test_create_update_delete_are_recorded_with_before_and_after(
    make_user: Callable[..., User],
) -> None:
    officer = make_user(Role.OFFICER)
    with acting(user=officer, comment="sáp nhập"):
        unit = make_unit(name="Sở Thông tin và Truyền thông")
        unit.name = "Sở Khoa học và Công nghệ"
        unit.save()
        unit_id = unit.pk
        unit.delete()
    changes = list(
        ObjectChange.objects.filter(object_id=str(unit_id), content_type__model="unit").order_by(
            "pk"
        )
    )
    assert [c.action for c in changes] == [
        ChangeAction.CREATE,
        ChangeAction.UPDATE,
        ChangeAction.DELETE,
    ]
    update = changes[1]
    assert update.changed_fields == ["name"]
    assert update.diff() == [("name", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ")]
    assert all(c.user == officer and c.comment == "sáp nhập" for c in changes)
    assert changes[2].postchange is None and changes[2].prechange is not None


def test_saving_without_change_records_nothing() -> None:
    unit = make_unit()
    before = ObjectChange.objects.count()
    unit.save()
    assert ObjectChange.objects.count() == before


def test_system_actor_is_recorded_without_a_user() -> None:
    with acting(actor="bootstrap"):
        unit = make_unit()
    change = _changes(unit)[0]
    assert change.user is None and change.actor == "bootstrap" and change.who == "bootstrap"


def test_password_hashes_never_reach_the_log(make_user: Callable[..., User]) -> None:
    user = make_user(Role.OFFICER)
    old_hash = user.password
    user.set_password("Another-Secret-77")
    user.save()
    change = _changes(user)[-1]
    assert change.changed_fields == ["password"]
    logged = str(change.prechange) + str(change.postchange)
    assert old_hash not in logged and user.password not in logged
    assert "redacted:" in logged


def test_changes_of_one_request_share_its_id(
    client: object, make_user: Callable[..., User]
) -> None:

    assert isinstance(client, Client)
    client.force_login(make_user(Role.ADMIN))
    client.post("/accounts/units/new/", {"code": "a-b", "name": "Đơn vị A", "kind": "other"})
    change = ObjectChange.objects.filter(object_repr="Đơn vị A").get()
    assert change.user_name and change.request_id
