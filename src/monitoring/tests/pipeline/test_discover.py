"""Discover stage on team-written samples (fictional Vietnamese outlets) and on garbage."""

from __future__ import annotations

import datetime
import gzip
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.pipeline.discover import (
    VN_TZ,
    canonical_url,
    parse_datetime,
    parse_feed,
    parse_listing,
    parse_sitemap,
)
from monitoring.pipeline.types import QuarantineError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FEED_URL = "https://baosonglam.vn/rss/thoi-su.rss"
LISTING_PATTERN = r"/thoi-su/[a-z0-9-]+-\d+\.html$"


def sample(path: str) -> bytes:
    return (SAMPLES / path).read_bytes()


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


# --- canonical URLs -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://BaoSongLam.VN:443/Thoi-Su/Bai-1.html?utm_source=fb&id=5&fbclid=x#binh-luan",
            "https://baosonglam.vn/Thoi-Su/Bai-1.html?id=5",
        ),
        ("http://baosonglam.vn:80", "http://baosonglam.vn/"),
        (
            "http://baosonglam.vn:8080/a?gclid=1&zarsrc=30&UTM_Medium=z",
            "http://baosonglam.vn:8080/a",
        ),
        ("https://baosonglam.vn/tim?q=a%2Bb&q2=c+d", "https://baosonglam.vn/tim?q=a%2Bb&q2=c+d"),
        ("  https://baosonglam.vn/a b  ", "https://baosonglam.vn/a%20b"),
        ("https://báosonglam.vn/x", "https://xn--bosonglam-01a.vn/x"),
        ("mailto:toasoan@baosonglam.vn", "mailto:toasoan@baosonglam.vn"),
        ("http://[::1", "http://[::1"),
        ("/tuong-doi.html", "/tuong-doi.html"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_canonical_url_never_raises_and_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


# --- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thu, 26 Nov 2026 08:15:00 +0700", "2026-11-26T08:15:00+07:00"),
        ("Thu, 26 Nov 2026 01:15:00 GMT", "2026-11-26T08:15:00+07:00"),
        ("2026-11-25T23:05:00Z", "2026-11-26T06:05:00+07:00"),
        ("2026-11-26 07:30", "2026-11-26T07:30:00+07:00"),  # naive: Asia/Ho_Chi_Minh
        ("2026-11-26", "2026-11-26T00:00:00+07:00"),
        ("Thứ Năm, 26/11/2026 - 08:15", "2026-11-26T08:15:00+07:00"),
        ("26/11/2026", "2026-11-26T00:00:00+07:00"),
    ],
)
def test_parse_datetime(raw: str, expected: str) -> None:
    assert parse_datetime(raw) == at(expected)
    assert parse_datetime(raw).isoformat() == expected  # type: ignore[union-attr]


@pytest.mark.parametrize("raw", ["", "hôm qua", "31/02/2026", "Thu, 99 Nov 2026"])
def test_unreadable_dates_are_none(raw: str) -> None:
    assert parse_datetime(raw) is None


# --- feeds ----------------------------------------------------------------------------------------
def test_rss_items_are_absolute_canonical_nfc_and_dated() -> None:
    found = parse_feed(sample("feeds/baotinh_thoi_su.rss"), url=FEED_URL)
    urls = [entry.url for entry in found.entries]
    assert urls == [
        "https://baosonglam.vn/thoi-su/tinh-uy-hop-ban-ke-hoach-nong-nghiep-2026-10231.html",
        "https://baosonglam.vn/thoi-su/xa-hoa-binh-khanh-thanh-cau-dan-sinh-10232.html",
        "https://baosonglam.vn/thoi-su/dak-lak-ho-tro-10233.html",
    ]  # the item without a link is dropped; the fbclid copy of the first is the same URL
    first, second, third = found.entries
    assert first.guid == "bsl-10231"
    assert first.title == "Tỉnh ủy họp bàn kế hoạch phát triển nông nghiệp năm 2026"
    assert first.summary == "Sáng 26/11, Tỉnh ủy Sông Lam họp bàn kế hoạch phát triển nông nghiệp."
    assert first.published_at == at("2026-11-26T08:15:00+07:00")
    assert second.published_at == at("2026-11-26T07:30:00+07:00")
    assert third.title == "Đắk Lắk hỗ trợ tỉnh bạn khắc phục hậu quả lũ"
    assert third.published_at == at("2026-11-26T06:05:00+07:00")
    assert all(entry.published_at.tzinfo is not None for entry in found.entries)  # type: ignore[union-attr]


def test_atom_feed_with_xml_base_and_html_title() -> None:
    found = parse_feed(sample("feeds/cong_thong_tin.atom"), url="https://songlam.gov.vn/atom.xml")
    first, second = found.entries
    assert first.url == "https://songlam.gov.vn/tin-tuc/ubnd-tinh-ban-hanh-quyet-dinh-gia-dat-4501"
    assert first.title == "UBND tỉnh ban hành Quyết định về giá đất"
    assert first.published_at == at("2026-11-26T09:00:00+07:00")
    assert second.url.endswith("/so-y-te-khuyen-cao-sot-xuat-huyet-4502")  # rel=alternate
    assert second.published_at == at("2026-11-25T00:00:00+07:00")


def test_nfd_titles_come_out_nfc() -> None:
    title = unicodedata.normalize("NFD", "Thủy điện xả lũ, người dân hoà mình vào công tác cứu hộ")
    feed = (
        '<rss version="2.0"><channel><title>x</title><item>'
        f"<title>{title}</title><link>https://baosonglam.vn/a-1.html</link>"
        "</item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(feed, url=FEED_URL).entries
    assert entry.title == unicodedata.normalize("NFC", title)


def test_windows_1258_feed() -> None:
    from monitoring.tests.pipeline.test_charset import cp1258

    feed = cp1258(
        '<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><title>Báo'
        "</title><item><title>Hội nghị tổng kết công tác báo chí</title>"
        "<link>https://baosonglam.vn/hoi-nghi-1.html</link></item></channel></rss>"
    )
    (entry,) = parse_feed(feed, url=FEED_URL).entries
    assert entry.title == "Hội nghị tổng kết công tác báo chí"


def test_empty_channel_is_an_empty_result() -> None:
    found = parse_feed(sample("feeds/empty_channel.rss"), url=FEED_URL)
    assert found.entries == ()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("feeds/truncated.rss", "not well-formed"),
        ("feeds/unescaped_ampersand.rss", "line 4"),
        ("feeds/billion_laughs.rss", "not well-formed"),
        ("feeds/not_a_feed.html", "not well-formed"),
    ],
)
def test_broken_feeds_are_quarantined_with_a_reason(name: str, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(QuarantineError, match=reason):
        parse_feed(sample(name), url=FEED_URL)
    assert time.perf_counter() - started < 2.0


def test_lenient_mode_keeps_what_the_loose_parser_recovered() -> None:
    found = parse_feed(sample("feeds/unescaped_ampersand.rss"), url=FEED_URL, lenient=True)
    (entry,) = found.entries
    assert entry.title == "Đội bóng Sông Lam thắng 2-0 & lên đầu bảng"


@pytest.mark.parametrize("content", [b"", b"   \n", b"<html><body>trang</body></html>"])
def test_empty_or_foreign_documents_are_quarantined(content: bytes) -> None:
    with pytest.raises(QuarantineError):
        parse_feed(content, url=FEED_URL)


# --- sitemaps -------------------------------------------------------------------------------------
SITEMAP_URL = "https://tinsonglam.vn/sitemaps/news.xml"


def test_news_sitemap() -> None:
    found = parse_sitemap(sample("sitemaps/news_sitemap.xml"), url=SITEMAP_URL)
    first, second, third = found.entries  # javascript: and a <url> without <loc> are dropped
    assert first.title == "Người dân xã An Phú dọn vệ sinh môi trường sau lũ"
    assert first.published_at == at("2026-11-26T08:30:00+07:00")  # news date wins over lastmod
    assert second.url == "https://tinsonglam.vn/kinh-te/gia-lua-tang-nhe-5522.html"  # no utm_*
    assert (second.title, second.published_at) == ("", at("2026-11-26T00:00:00+07:00"))
    assert third.published_at == at("2026-11-26T04:10:00+07:00")
    assert found.child_sitemaps == ()


def test_gzipped_sitemap_is_the_same() -> None:
    plain = sample("sitemaps/news_sitemap.xml")
    assert parse_sitemap(gzip.compress(plain), url=SITEMAP_URL) == parse_sitemap(
        plain, url=SITEMAP_URL
    )


def test_sitemap_index_lists_children_once_and_absolute() -> None:
    found = parse_sitemap(sample("sitemaps/sitemap_index.xml"), url=SITEMAP_URL)
    assert found.entries == ()
    assert found.child_sitemaps == (
        "https://tinsonglam.vn/sitemaps/news.xml",
        "https://tinsonglam.vn/sitemaps/2026-11.xml.gz",
    )


def test_text_sitemap() -> None:
    found = parse_sitemap(sample("sitemaps/urls.txt"), url=SITEMAP_URL)
    assert [entry.url for entry in found.entries] == [
        "https://tinsonglam.vn/xa-hoi/bai-mot-6001.html",
        "https://tinsonglam.vn/xa-hoi/bai-hai-6002.html",
    ]


def test_billion_laughs_sitemap_is_refused_fast() -> None:
    started = time.perf_counter()
    with pytest.raises(QuarantineError, match=r"amplification|DTD"):
        parse_sitemap(sample("sitemaps/billion_laughs.xml"), url=SITEMAP_URL)
    assert time.perf_counter() - started < 1.0


def test_external_entity_is_never_read() -> None:
    with pytest.raises(QuarantineError, match="DTD"):
        parse_sitemap(sample("sitemaps/external_entity.xml"), url=SITEMAP_URL)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"<urlset><url><loc>https://a.vn/x</loc></url>", "not well-formed"),
        (b"<html><body/></html>", "root element <html>"),
        (gzip.compress(b"<urlset/>")[:-6], "truncated"),
        (b"\x1f\x8b\x08\x00garbage", "truncated gzip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff", "corrupt gzip"),
        (b"<a>" * 300 + b"</a>" * 300, "not well-formed"),
        (b"just words, no URLs", "not a sitemap"),
    ],
)
def test_broken_sitemaps_are_quarantined(content: bytes, reason: str) -> None:
    with pytest.raises(QuarantineError, match=reason):
        parse_sitemap(content, url=SITEMAP_URL)


def test_gzip_bomb_sitemap_stops_at_the_limit() -> None:
    bomb = gzip.compress(b" " * (60 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(QuarantineError, match="50 MB"):
        parse_sitemap(bomb, url=SITEMAP_URL)


# --- listing pages --------------------------------------------------------------------------------
def test_listing_links_matching_the_pattern_in_page_order() -> None:
    html = sample("listings/chuyen_muc_thoi_su.html").decode()
    found = parse_listing(html, url="https://baosonglam.vn/thoi-su", pattern=LISTING_PATTERN)
    assert [(entry.url, entry.title) for entry in found.entries] == [
        (
            "https://baosonglam.vn/thoi-su/hoi-nghi-ban-chap-hanh-dang-bo-tinh-lan-thu-12-30101.html",
            "Hội nghị Ban Chấp hành Đảng bộ tỉnh",  # the image's alt: the first link to it
        ),
        (
            "https://baosonglam.vn/thoi-su/khoi-cong-duong-ven-bien-30102.html",
            "Khởi công đường ven biển & khu tái định cư",
        ),
        (
            "https://baosonglam.vn/thoi-su/tuyen-duong-nguoi-tot-viec-tot-30103.html",
            "Tuyên dương người tốt việc tốt",  # from the title attribute
        ),
    ]


def test_listing_takes_the_text_of_a_later_link_when_the_first_has_none() -> None:
    html = '<a href="/thoi-su/a-1.html"></a><a href="/thoi-su/a-1.html">Bài một</a>'
    (entry,) = parse_listing(html, url="https://x.vn/", pattern=LISTING_PATTERN).entries
    assert entry.title == "Bài một"


def test_listing_with_a_refused_pattern_is_quarantined() -> None:
    with pytest.raises(QuarantineError, match="listing pattern refused"):
        parse_listing("<a href='/a'>a</a>", url="https://x.vn/", pattern="(a+)+$")


def test_listing_ignores_overlong_urls() -> None:
    long_link = "/thoi-su/" + "a" * 2100 + "-1.html"
    html = f'<a href="{long_link}">dài</a><a href="/thoi-su/ngan-2.html">ngắn</a>'
    found = parse_listing(html, url="https://x.vn/", pattern=LISTING_PATTERN)
    assert [entry.title for entry in found.entries] == ["ngắn"]


# --- garbage never raises anything but QuarantineError --------------------------------------------
XMLISH = st.lists(
    st.sampled_from(
        ["<rss>", "<channel>", "<item>", "<title>", "</title>", "<link>", "</link>", "</item>",
         "<urlset>", "<url>", "<loc>", "</loc>", "<sitemapindex>", "<feed>", "<entry>",
         "<![CDATA[", "]]>", "&amp;", "&", "<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;",
         "https://a.vn/x", "Tỉnh ủy", "\x00", "<?xml version='1.0'?>", "<a href='/b'>"]
    ) | st.text(max_size=20),
    max_size=40,
).map("".join)  # fmt: skip
GARBAGE = st.binary(max_size=2000) | XMLISH.map(str.encode)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GARBAGE)
def test_garbage_feed(content: bytes) -> None:
    try:
        parse_feed(content, url=FEED_URL)
    except QuarantineError as error:
        assert error.reason


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GARBAGE | GARBAGE.map(gzip.compress))
def test_garbage_sitemap(content: bytes) -> None:
    try:
        parse_sitemap(content, url=SITEMAP_URL)
    except QuarantineError as error:
        assert error.reason


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(XMLISH | st.text(max_size=2000), st.sampled_from([LISTING_PATTERN, r"\d", "(", "a{2"]))
def test_garbage_listing(html: str, pattern: str) -> None:
    try:
        found = parse_listing(html, url="https://x.vn/", pattern=pattern)
    except QuarantineError as error:
        assert error.reason
        return
    assert all(entry.url.startswith(("http://", "https://")) for entry in found.entries)


def test_discovered_times_are_in_vietnam() -> None:
    found = parse_feed(sample("feeds/baotinh_thoi_su.rss"), url=FEED_URL)
    assert {entry.published_at.utcoffset() for entry in found.entries} == {  # type: ignore[union-attr]
        datetime.timedelta(hours=7)
    }
    assert VN_TZ.key == "Asia/Ho_Chi_Minh"
