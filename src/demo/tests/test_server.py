"""The demo server over HTTP: feeds, sitemaps, pages, timeline and deliberate faults."""

from __future__ import annotations

import datetime
import http.client
import re
import time
import unicodedata
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from protego import Protego

from demo.clock import ScenarioClock
from demo.content import load_ecosystem
from demo.manifest import sources
from demo.server import DemoHTTPServer
from demo.tests.conftest import SLOW_SECONDS, fetch

NCN_RSS = "/nangcaonguyen/rss/tin-moi-nhat.rss"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
PLUS_7 = datetime.timedelta(hours=7)


def _url(server: DemoHTTPServer, key: str) -> str:
    story = load_ecosystem().by_key(key)
    assert story is not None
    return f"{server.base_url}/{story.outlet}/{story.path}"


def _rss_items(url: str) -> list[ET.Element]:
    page = fetch(url)
    assert page.status == 200
    assert page.headers.get_content_type() == "application/rss+xml"
    root = ET.fromstring(page.body)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.findall("./channel/item")


def test_first_poll_finds_about_thirty_items(server: DemoHTTPServer) -> None:
    total = 0
    for source in sources(server.base_url):
        text = fetch(source["url"]).text
        if source["kind"] == "feed":
            total += text.count("<item>")
        elif source["kind"] == "listing":
            total += len(set(re.findall(source["url_pattern"][1:-1], text)))
    assert 28 <= total <= 45


def test_feeds_are_rss_2_with_dated_items(server: DemoHTTPServer) -> None:
    for source in sources(server.base_url):
        if source["kind"] != "feed":
            continue
        for item in _rss_items(source["url"]):
            for tag in ("title", "link", "guid", "description", "pubDate"):
                assert item.findtext(tag), (source["url"], tag)
            published = parsedate_to_datetime(item.findtext("pubDate") or "")
            assert published.utcoffset() == PLUS_7
            assert published.year == server.clock.start.year or published.month == 12


def test_news_sitemap_and_sitemap_index(server: DemoHTTPServer) -> None:
    root = ET.fromstring(fetch(f"{server.base_url}/nangcaonguyen/sitemap-news.xml").body)
    urls = root.findall("sm:url", NS)
    assert urls
    for url in urls:
        assert url.findtext("sm:loc", namespaces=NS)
        date = url.findtext("news:news/news:publication_date", namespaces=NS) or ""
        assert date.endswith("+07:00")
        assert url.findtext("news:news/news:publication/news:language", namespaces=NS) == "vi"
    index = ET.fromstring(fetch(f"{server.base_url}/tiengvongdaingan/sitemap.xml").body)
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    parts = [loc.text or "" for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert len(parts) >= 2
    for part in parts:
        assert ET.fromstring(fetch(part).body).findall("sm:url", NS)


def test_article_page_markup(server: DemoHTTPServer) -> None:
    url = _url(server, "ncn-rac")
    html = fetch(url).text
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:title" content="Rác thải ùn ứ' in html
    assert re.search(r'<time datetime="2026-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00">', html)
    for part in ("<header", "<nav", "<footer", '<article class="article-detail">', "Minh Anh"):
        assert part in html


def test_new_items_appear_over_time(server: DemoHTTPServer, clock: ScenarioClock) -> None:
    before = {i.findtext("link") for i in _rss_items(server.base_url + NCN_RSS)}
    clock.advance(60)
    after = {i.findtext("link") for i in _rss_items(server.base_url + NCN_RSS)}
    assert len(after - before) >= 4
    listing = fetch(f"{server.base_url}/tintucgianghia24h/").text
    assert "Tai nạn kinh hoàng trên quốc lộ 14" in listing


def test_copy_appears_twenty_minutes_after_its_source(
    server: DemoHTTPServer, clock: ScenarioClock
) -> None:
    clock.advance(5)
    assert fetch(_url(server, "ncn-doithoai")).status == 200
    assert fetch(_url(server, "gn-doithoai")).status == 404
    clock.advance(20)
    copy = fetch(_url(server, "gn-doithoai")).text
    assert "Theo Báo" not in copy
    assert "Chủ tịch UBND phường Nguyễn Hữu Phước tiếp thu các ý kiến" in copy


def test_removed_article_answers_404_after_its_time(
    server: DemoHTTPServer, clock: ScenarioClock
) -> None:
    url = _url(server, "ncn-thuphi")
    assert fetch(url).status == 200
    clock.advance(25)
    assert fetch(url).status == 404
    assert url not in fetch(server.base_url + NCN_RSS).text
    assert fetch(_url(server, "gn-thuphi")).status == 200  # the copy stays online


def test_edited_article_changes_title_and_text(
    server: DemoHTTPServer, clock: ScenarioClock
) -> None:
    url = _url(server, "ncn-ngap")
    before = fetch(url).text
    assert "hơn 50 nhà dân" in before
    clock.advance(12)
    after = fetch(url).text
    assert "ngập cục bộ một số tuyến phố" in after
    assert "hơn 50 nhà dân" not in after
    assert "Cập nhật:" in after
    titles = [i.findtext("title") for i in _rss_items(server.base_url + NCN_RSS)]
    assert "Mưa lớn gây ngập cục bộ một số tuyến phố ở phường Bắc Gia Nghĩa" in titles


def test_windows_1258_page(server: DemoHTTPServer) -> None:
    page = fetch(_url(server, "bgn-vesinh"))
    assert page.headers.get_content_charset() == "windows-1258"
    assert b'<meta charset="windows-1258">' in page.body
    try:
        page.body.decode("utf-8")
        raise AssertionError("the page must not be UTF-8")
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", page.body.decode("cp1258"))
    assert "Ra quân tổng vệ sinh môi trường tại các tổ dân phố" in text
    assert "“Ngày Chủ nhật xanh”" in text


def test_robots_txt_disallows_private(server: DemoHTTPServer) -> None:
    robots = Protego.parse(fetch(f"{server.base_url}/robots.txt").text)
    assert not robots.can_fetch(f"{server.base_url}/tintucgianghia24h/private/x.html", "*")
    assert robots.can_fetch(_url(server, "gn-rac"), "PressWatch")
    assert fetch(f"{server.base_url}/nangcaonguyen/private/dang-nhap.html").status == 200


def test_redirect_chain_has_two_hops(server: DemoHTTPServer) -> None:
    link = next(
        i.findtext("link") or ""
        for i in _rss_items(server.base_url + NCN_RSS)
        if "/go/" in (i.findtext("link") or "")
    )
    parts = urlsplit(server.base_url)
    statuses, path = [], urlsplit(link).path
    for _ in range(3):
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        path = urlsplit(response.getheader("Location") or "").path
        connection.close()
    assert statuses == [301, 302, 200]
    assert fetch(link).status == 200  # urllib follows both hops


def test_flaky_page_fails_twice_then_works(server: DemoHTTPServer) -> None:
    url = _url(server, "tv-nhom")
    assert [fetch(url).status for _ in range(3)] == [500, 500, 200]


def test_slow_page_sleeps_only_itself(server: DemoHTTPServer) -> None:
    started = time.monotonic()
    assert fetch(_url(server, "sk-ctscan")).status == 200
    assert time.monotonic() - started >= SLOW_SECONDS
    started = time.monotonic()
    assert fetch(_url(server, "sk-matngu")).status == 200
    assert time.monotonic() - started < SLOW_SECONDS


def test_truncated_page(server: DemoHTTPServer) -> None:
    page = fetch(_url(server, "gn-truong"))
    assert page.status == 200
    assert "<h1" in page.text
    assert "</html>" not in page.text
    assert int(page.headers["Content-Length"]) == len(page.body)


def test_etag_and_head(server: DemoHTTPServer) -> None:
    first = fetch(server.base_url + NCN_RSS)
    again = fetch(server.base_url + NCN_RSS, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    head = fetch(server.base_url + NCN_RSS, method="HEAD")
    assert head.status == 200
    assert head.body == b""
    assert fetch(f"{server.base_url}/khong-co/").status == 404


def test_served_text_is_nfc(server: DemoHTTPServer, clock: ScenarioClock) -> None:
    clock.advance(30)
    eco = load_ecosystem()
    urls = [s["url"] for s in sources(server.base_url)] + [f"{server.base_url}/robots.txt"]
    for story in eco.stories:
        if story.version_at(clock.minutes()) and story.special not in {"cp1258", "flaky"}:
            urls.append(f"{server.base_url}/{story.outlet}/{story.path}")
    for outlet in eco.outlets.values():
        urls.append(f"{server.base_url}/{outlet.slug}/gioi-thieu.html")
    assert len(urls) > 50
    for url in urls:
        page = fetch(url)
        assert page.status == 200, url
        assert unicodedata.normalize("NFC", page.text) == page.text, url


def test_the_compliant_site_credits_its_source_with_the_source_time(
    server: DemoHTTPServer,
) -> None:
    eco = server.site.ecosystem
    copy = eco.by_key("nnx-luagao")
    source = eco.by_key("tv-luagao")
    assert copy is not None and source is not None
    page = fetch(_url(server, "nnx-luagao")).text
    moment = server.site.clock.moment(source.at)
    assert f"Theo Báo Tiếng vọng Đại Ngàn, {moment:%H:%M %d/%m/%Y}" in page
    assert copy.at - source.at >= 60
    assert "Giấy phép thiết lập trang thông tin điện tử tổng hợp" in page
    assert "comment-form" not in page and "Tin nóng" not in page
