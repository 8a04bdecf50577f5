"""The address gate of the fetch stage: no request goes to a private or local address.

Source addresses are typed by officers, but a page may redirect anywhere, and a host name may
resolve to an address inside the office network (server-side request forgery). Before every hop
the host is resolved and each address must be public (``ipaddress`` ``is_global``) or inside a
network the configuration allows (the demo outlets on 127.0.0.1, an intranet portal).

The check resolves the name itself, so a DNS answer that changes between this check and the
connection (rebinding) is not covered; operators who need that run the crawler behind an egress
proxy (``docs/operations.md``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

from monitoring.pipeline.types import SkipError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Sequence[str]) -> tuple[Network, ...]:
    """``["127.0.0.0/8", "::1"]`` → networks; a bad value raises ``ValueError`` naming it."""
    networks: list[Network] = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP network: {value!r}") from None
    return tuple(networks)


def blocked_reason(address: str, allowed: Sequence[Network]) -> str | None:
    """Why ``address`` may not be fetched, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_global:
        return None
    if any(ip in network for network in allowed):
        return None
    kind = (
        "loopback"
        if ip.is_loopback
        else "private network"
        if ip.is_private
        else "link-local"
        if ip.is_link_local
        else "reserved or special-purpose"
    )
    return f"blocked address: the host resolves to {ip} ({kind})"


async def check_url_address(url: str, allowed: Sequence[Network]) -> None:
    """Raise :class:`SkipError` when ``url``'s host is or resolves to a non-public address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return  # the request itself reports the name error (retried as a network error)
        addresses = sorted({str(info[4][0]) for info in infos})
    for address in addresses:
        reason = blocked_reason(address, allowed)
        if reason is not None:
            raise SkipError(reason)
