"""The public pages, without an account: registry lists, published results and their RSS feed."""

from __future__ import annotations

import feedparser  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey

pytestmark = [pytest.mark.slow, pytest.mark.journey]


def test_public_pages(journey: Journey) -> None:
    page = journey.page()  # nobody signed in
    journey.visit(page, "/public/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    cards = page.locator("main li.card a")
    expect(cards).to_have_count(3)
    journey.shot(page, "public-lists")

    for path, name in (("/public/sites/", "sites"), ("/public/press/", "press")):
        journey.visit(page, path)
        expect(page.locator("main table tbody tr").first).to_be_visible()  # demo registry rows
        text = page.locator("main").inner_text()
        assert "@" not in text, f"{path} shows an e-mail address"
        journey.shot(page, name)
        csv = page.request.get(path + "?format=csv")
        assert csv.ok
        assert csv.headers["content-type"].startswith("text/csv")

    journey.visit(page, "/cases/public/")
    expect(page.locator("main h1")).to_have_text("Công khai kết quả xử lý vi phạm")
    published = journey.system.shared.get("published_url")
    if published:  # the leader's journey published a result (it runs before this one)
        expect(page.locator(f"main a[href='{published}']")).to_have_count(1)
    journey.shot(page, "published-results")

    feed_response = page.request.get("/cases/public/feed.xml")
    assert feed_response.ok
    assert "xml" in feed_response.headers["content-type"]
    feed = feedparser.parse(feed_response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version.startswith("rss")
    assert feed.feed.get("title")
    if published:
        assert any(entry.link.endswith(published) for entry in feed.entries), feed.entries
        journey.visit(page, published)
        journey.shot(page, "published-result")

    # an anonymous visitor who asks for an office page is sent to sign in
    journey.visit(page, "/cases/")
    assert "/accounts/login/" in page.url
    journey.finish()
