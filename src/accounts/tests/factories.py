"""Test factories for the accounts and places apps."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from accounts.models import Unit, UnitKind, User
from core.access import Role
from places.models import Area, AreaKind

PASSWORD = "Correct-Horse-42"


class AreaFactory(DjangoModelFactory[Area]):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = AreaKind.COMMUNE


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    kind = UnitKind.DEPARTMENT


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    role = Role.OFFICER

    @factory.post_generation
    def password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()


def make_unit(**fields: Any) -> Unit:
    """A saved unit (typed wrapper around the factory)."""
    unit: Unit = UnitFactory.create(**fields)
    return unit
