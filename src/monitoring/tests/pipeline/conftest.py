"""Redis for the shared crawl tables: a real server on 127.0.0.1, and one that does not answer."""

from __future__ import annotations

import socket
from typing import Any

import pytest


@pytest.fixture
def redis_client() -> Any:
    """Database 14 of the local Redis (the test skips without one)."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=14, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    return client


@pytest.fixture
def unreachable_redis() -> Any:
    """A client of a port nobody listens on, without retries: every call fails at once."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return redis.Redis(host="127.0.0.1", port=port, retry=Retry(NoBackoff(), 0))
