"""The monitoring sources of the demo ecosystem, for the lead's ``monitoring_demo_sources``.

``sources(base_url)`` returns one dict per source::

    {"name": str, "kind": "feed" | "sitemap" | "listing" | "page", "url": absolute URL,
     "url_pattern": regex of article URLs (kind listing) or "",
     "registry": {"press_agency": name} | {"general_site": name} | {"social_account": url}
                 | {"state_channel": url} | "unregistered"}

Registry names and URLs are those of ``registry/data/demo.json``.
"""

from __future__ import annotations

import re
from typing import Any

from demo.content import Outlet, RegistryLink, load_ecosystem

KINDS = {
    "rss": "feed",
    "atom": "feed",
    "news_sitemap": "sitemap",
    "sitemap_index": "sitemap",
    "listing": "listing",
    "page": "page",
}


def _registry(link: RegistryLink) -> RegistryLink:
    return dict(link) if isinstance(link, dict) else link


def article_pattern(base_url: str, outlet: Outlet) -> str:
    """Regex matching the absolute URLs of ``outlet``'s articles."""
    sections = "|".join(re.escape(slug) for slug, _ in outlet.sections)
    prefix = re.escape(f"{base_url.rstrip('/')}/{outlet.slug}/")
    return f"^{prefix}(?:{sections})/[a-z0-9-]+-\\d+\\.html$"


def _outlet_sources(base_url: str, outlet: Outlet) -> list[dict[str, Any]]:
    prefix = f"{base_url}/{outlet.slug}"
    pattern = article_pattern(base_url, outlet)
    if outlet.profile == "social":
        return [
            {
                "name": f"{account.name} (fanpage)",
                "kind": "feed",
                "url": f"{prefix}/{account.slug}/rss.xml",
                "url_pattern": "",
                "registry": _registry(account.registry),
            }
            for account in outlet.accounts
        ]
    return [
        {
            "name": f"{outlet.name} — {endpoint.title}",
            "kind": KINDS[endpoint.format],
            "url": f"{prefix}/{endpoint.path}",
            "url_pattern": pattern if endpoint.format == "listing" else "",
            "registry": _registry(outlet.registry),
        }
        for endpoint in outlet.endpoints
    ]


def sources(base_url: str) -> list[dict[str, Any]]:
    """Every monitoring source of the demo outlets served at ``base_url``."""
    base_url = base_url.rstrip("/")
    found: list[dict[str, Any]] = []
    for outlet in load_ecosystem().outlets.values():
        found += _outlet_sources(base_url, outlet)
    return found
