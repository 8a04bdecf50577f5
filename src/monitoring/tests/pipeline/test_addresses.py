"""The SSRF gate: private and local addresses are refused unless a network allows them."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from monitoring.pipeline import addresses
from monitoring.pipeline.types import FetchPolicy, SkipError
from monitoring.tests.pipeline.local_server import Reply, Route
from monitoring.tests.pipeline.test_fetch import HTML, PAGE, fetch


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("8.8.8.8", False),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("192.168.1.10", True),
        ("172.16.0.5", True),
        ("169.254.169.254", True),  # cloud metadata service
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:10.0.0.1", True),  # IPv4-mapped private address
        ("2001:4860:4860::8888", False),
    ],
)
def test_blocked_reason(address: str, *, blocked: bool) -> None:
    assert (addresses.blocked_reason(address, ()) is not None) is blocked


def test_allowed_networks_open_the_gate() -> None:
    allowed = addresses.parse_networks(["127.0.0.0/8", "10.0.0.0/8"])
    assert addresses.blocked_reason("127.0.0.1", allowed) is None
    assert addresses.blocked_reason("10.9.9.9", allowed) is None
    assert addresses.blocked_reason("192.168.0.1", allowed) is not None


def test_bad_network_is_named() -> None:
    with pytest.raises(ValueError, match="not-a-net"):
        addresses.parse_networks(["not-a-net"])


def test_host_names_are_resolved_before_the_request() -> None:
    with pytest.raises(SkipError, match="loopback"):
        asyncio.run(addresses.check_url_address("http://localhost:9/x", ()))


GATED = FetchPolicy(
    timeout_seconds=3.0,
    min_interval_seconds=0.0,
    respect_robots=False,
    block_private=True,
    private_allowed=("127.0.0.0/8",),
)


def test_fetch_refuses_a_redirect_into_a_private_network() -> None:
    # the first hop is allowed (127.0.0.1 is on the list); it redirects into the office network
    routes: dict[str, Route] = {"/go": Reply(302, headers={"Location": "http://10.255.255.1/"})}
    with pytest.raises(SkipError, match=r"blocked address.*10\.255\.255\.1"):
        fetch(routes, "/go", policy=GATED)


def test_fetch_refuses_loopback_unless_allowed() -> None:
    routes: dict[str, Route] = {"/a": PAGE}
    strict = dataclasses.replace(GATED, private_allowed=())
    with pytest.raises(SkipError, match="loopback"):
        fetch(routes, "/a", policy=strict)
    assert fetch(routes, "/a", policy=GATED).text == HTML
