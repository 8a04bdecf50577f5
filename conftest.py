"""Fixtures shared by every test module."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from accounts.tests.factories import UserFactory, make_unit
from core.access import Role


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: Role = Role.OFFICER, **fields: object) -> User:
        if role in (Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY):
            fields.setdefault("unit", make_unit())
        return UserFactory(role=role, **fields)

    return make


@pytest.fixture
def login(client: Client, make_user: Callable[..., User]) -> Callable[[Role], User]:
    """Sign the test client in as a new user of ``role``."""

    def sign_in(role: Role) -> User:
        user = make_user(role)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture(autouse=True, scope="session")
def _fresh_crawl_tables() -> None:
    """With Redis, the crawl's shared robots.txt answers and host start times live there for a
    day; local test servers reuse ports across runs, so a run starts without earlier answers."""
    from django.conf import settings

    if not settings.REDIS_URL:
        return
    import redis

    from monitoring.pipeline.politeness import RedisStarts
    from monitoring.pipeline.robots import RedisRobots

    client = redis.Redis.from_url(settings.REDIS_URL)
    for prefix in (RedisRobots.PREFIX, RedisStarts.PREFIX):
        for key in client.scan_iter(match=prefix + "*", count=1000):
            client.delete(key)
