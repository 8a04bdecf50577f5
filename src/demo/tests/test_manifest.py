"""`demo.manifest.sources`: the contract with `monitoring_demo_sources`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from demo.content import load_ecosystem
from demo.manifest import sources
from demo.server import DemoHTTPServer
from demo.tests.conftest import fetch

REGISTRY_DATA = Path(__file__).resolve().parents[2] / "registry" / "data"
#: Registry rows this demo links to that demo.json does not have yet (requested from the registry
#: owner); empty this set once they exist.
PENDING_ROWS: set[str] = set()


def _registry_keys() -> set[str]:
    demo = json.loads((REGISTRY_DATA / "demo.json").read_text(encoding="utf-8"))
    catalogue = json.loads((REGISTRY_DATA / "catalogue.json").read_text(encoding="utf-8"))
    keys = {a["name"] for a in demo["agencies"] + catalogue["agencies"]}
    keys |= {s["name"] for s in demo["sites"]}
    keys |= {c["url"] for c in demo["channels"]} | {a["url"] for a in demo["social_accounts"]}
    return keys


def test_every_outlet_has_sources_with_valid_kinds_and_urls() -> None:
    base = "http://127.0.0.1:8100/"
    found = sources(base)
    slugs = {urlsplit(s["url"]).path.split("/")[1] for s in found}
    assert slugs == set(load_ecosystem().outlets)
    for source in found:
        assert set(source) == {"name", "kind", "url", "url_pattern", "registry"}
        assert source["kind"] in {"feed", "sitemap", "listing", "page"}
        assert source["url"].startswith("http://127.0.0.1:8100/")
        assert source["name"]
        assert (source["url_pattern"] != "") == (source["kind"] == "listing")
    assert len({s["url"] for s in found}) == len(found)


def test_registry_links_name_registry_rows() -> None:
    missing: set[str] = set()
    for source in sources("http://127.0.0.1:8100"):
        link = source["registry"]
        if link == "unregistered":
            continue
        assert isinstance(link, dict)
        assert len(link) == 1
        ((kind, value),) = link.items()
        assert kind in {"press_agency", "general_site", "social_account", "state_channel"}
        if value not in _registry_keys():
            missing.add(value)
    assert missing <= PENDING_ROWS


def test_sources_answer_and_listing_pattern_matches_articles(server: DemoHTTPServer) -> None:
    for source in sources(server.base_url):
        page = fetch(source["url"])
        assert page.status == 200, source["url"]
        if source["kind"] == "listing":
            links = set(re.findall(r'href="([^"]+)"', page.text))
            articles = {u for u in links if re.match(source["url_pattern"], u)}
            assert len(articles) >= 2, source["url"]
            assert all(fetch(u).status == 200 for u in articles)
            assert not any(re.match(source["url_pattern"], u) for u in links if "private" in u)
