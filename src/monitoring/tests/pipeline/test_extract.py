"""The extract stage on team-written sample pages (golden files) and on broken input.

Each ``samples/pages/<case>.html`` has a ``<case>.expected.json``: the ``presswatch extract``
object for a page fetched from ``https://tin.example.vn/<case>.html``, or ``{"error", "reason"}``
for a page that is skipped or quarantined. Refresh them after a deliberate change with
``PRESSWATCH_UPDATE_GOLDEN=1 pytest src/monitoring/tests/pipeline/test_extract.py`` and review
the diff.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html  # type: ignore[import-untyped]

from monitoring.pipeline.extract import (
    article_as_dict,
    canonical_url,
    detect_language,
    extract_article,
    find_attribution,
    parse_datetime,
)
from monitoring.pipeline.types import FetchedPage, QuarantineError, SkipError, StageError

PAGES = Path(__file__).resolve().parent.parent / "samples" / "pages"
CASES = sorted(path.stem for path in PAGES.glob("*.html"))
UPDATE_GOLDEN = os.environ.get("PRESSWATCH_UPDATE_GOLDEN") == "1"
FETCHED_AT = datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.UTC)
PROSE = (
    "Sáng 26/11, UBND tỉnh tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2026 "
    "và triển khai nhiệm vụ năm 2027 với sự tham gia của đại diện các sở, ngành và các xã. "
)
MORE = (
    "Năm qua, mưa lớn kéo dài gây sạt lở tại nhiều tuyến đường liên xã, làm hư hỏng 34 căn nhà "
    "và hơn 1.200 ha cây trồng; các địa phương đã kịp thời di dời 412 hộ dân đến nơi an toàn. "
)


def page_of(html: str | bytes, url: str = "https://tin.example.vn/bai.html") -> FetchedPage:
    body = html.encode("utf-8") if isinstance(html, str) else html
    text = html if isinstance(html, str) else ""
    return FetchedPage(
        url=url,
        final_url=url,
        status=200,
        content_type="text/html",
        body=body,
        text=text,
        encoding="utf-8",
        fetched_at=FETCHED_AT,
    )


def article_page(paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>Tin</title>{head}</head><body>"
        f"<nav><a href='/'>Trang chủ</a></nav><article><h1>Tin</h1>{body}</article></body></html>"
    )


def _outcome(case: str) -> dict[str, object]:
    html = (PAGES / f"{case}.html").read_text(encoding="utf-8")
    try:
        article = extract_article(page_of(html, f"https://tin.example.vn/{case}.html"))
    except StageError as error:
        return {"error": type(error).__name__, "reason": error.reason}
    return article_as_dict(article)


def _names_source(outcome: dict[str, object]) -> bool:
    attribution = outcome.get("attribution")
    return isinstance(attribution, dict) and bool(attribution.get("outlet"))


@pytest.mark.parametrize("case", CASES)
def test_sample_page_matches_golden_file(case: str) -> None:
    golden = PAGES / f"{case}.expected.json"
    outcome = _outcome(case)
    if UPDATE_GOLDEN:
        text = json.dumps(outcome, ensure_ascii=False, indent=2) + "\n"
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {case}: run with PRESSWATCH_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for key in expected.keys() | outcome.keys():
        assert outcome.get(key) == expected.get(key), f"{case}: {key} differs from the golden file"


def test_samples_cover_each_outcome() -> None:
    outcomes = [_outcome(case) for case in CASES]
    assert any("error" in o for o in outcomes), "no sample page is skipped"
    with_source = [o for o in outcomes if _names_source(o)]
    assert len(with_source) >= 3, "too few sample pages name their source"


def test_text_and_title_are_nfc_with_straight_apostrophes() -> None:
    article = extract_article(page_of((PAGES / "tac-gia-nfd-ngoac-kep.html").read_text()))
    assert unicodedata.is_normalized("NFC", article.text + article.title)
    assert "R'lấp" in article.title and "’" not in article.text


def test_title_line_is_not_repeated_in_text() -> None:
    article = extract_article(page_of((PAGES / "bao-tinh-tin-thoi-su.html").read_text()))
    assert not article.text.startswith(article.title)


def test_naive_meta_date_is_vietnam_time() -> None:
    head = "<meta property='article:published_time' content='2026-11-25T16:30:00'>"
    article = extract_article(page_of(article_page([PROSE, MORE], head)))
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-11-25T16:30:00+07:00"


def test_aware_date_is_shown_in_vietnam_time() -> None:
    head = "<meta property='article:published_time' content='2026-11-25T09:30:00Z'>"
    article = extract_article(page_of(article_page([PROSE, MORE], head)))
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-11-25T16:30:00+07:00"


def test_date_falls_back_to_the_source_line() -> None:
    article = extract_article(
        page_of(article_page([PROSE, MORE, "Nguồn: Báo Đắk Nông, 08:15 26/11/2026"]))
    )
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-11-26T08:15:00+07:00"


def test_short_text_is_skipped_with_configurable_minimum() -> None:
    page = page_of(article_page([PROSE]))
    assert extract_article(page, min_chars=100).text
    with pytest.raises(SkipError, match="too little text"):
        extract_article(page, min_chars=1000)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (page_of(""), "empty page"),
        (page_of(b"\xff\xfe\x00garbage"), "could not be decoded"),
        (page_of("\ufffd" * 300 + article_page([PROSE, MORE])), "replacement characters"),
    ],
)
def test_empty_or_undecodable_page_is_quarantined(page: FetchedPage, reason: str) -> None:
    with pytest.raises(QuarantineError, match=reason):
        extract_article(page)


def test_unchanged_page_is_skipped() -> None:
    page = dataclasses.replace(page_of(article_page([PROSE, MORE])), not_modified=True)
    with pytest.raises(SkipError, match="not changed"):
        extract_article(page)


def test_page_without_article_is_skipped() -> None:
    with pytest.raises(SkipError):
        extract_article(page_of("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>"))


def test_fast_mode_extracts_the_same_article() -> None:
    page = page_of((PAGES / "trang-tttdt-theo-ttxvn.html").read_text())
    assert extract_article(page, fast=True).attribution == extract_article(page).attribution


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<link rel='canonical' href='/a/b.html#top'>", "https://tin.example.vn/a/b.html"),
        ("<link rel='Canonical' href='https://x.example.vn/c'>", "https://x.example.vn/c"),
        ("<meta property='og:url' content='https://x.example.vn/og'>", "https://x.example.vn/og"),
        ("<base href='https://cdn.example.vn/m/'><link rel='canonical' href='d.html'>",
         "https://cdn.example.vn/m/d.html"),
        ("<link rel='canonical' href='javascript:void(0)'>", "https://tin.example.vn/bai.html"),
        ("", "https://tin.example.vn/bai.html"),
    ],
)  # fmt: skip
def test_canonical_url_is_absolute(head: str, expected: str) -> None:
    tree = lxml_html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert canonical_url(tree, "https://tin.example.vn/bai.html") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (PROSE, "en", "vi"),  # Vietnamese text in an English template
        ("Sang 26/11, UBND tinh to chuc hoi nghi tong ket.", "vi-VN", "vi"),  # no accents
        ("The provincial committee met on Thursday.", "en-US", "en"),
        ("The provincial committee met on Thursday.", "", ""),
    ],
)
def test_language(text: str, lang: str, expected: str) -> None:
    tree = lxml_html.fromstring(f"<html lang='{lang}'><body><p>x</p></body></html>")
    assert detect_language(text, tree) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26T08:15:00+07:00", "2026-11-26T08:15:00+07:00"),
        ("2026-11-26 08:15", "2026-11-26T08:15:00+07:00"),
        ("Thu, 26 Nov 2026 01:15:00 GMT", "2026-11-26T08:15:00+07:00"),
        ("Thứ Năm, 26/11/2026 - 08:15 (GMT+7)", "2026-11-26T08:15:00+07:00"),
    ],
)
def test_parse_datetime(value: str, expected: str) -> None:
    parsed = parse_datetime(value)
    assert parsed is not None and parsed.isoformat() == expected
    assert parse_datetime("không rõ ngày") is None


def test_author_line_is_completed_by_the_outlet_above() -> None:
    found = find_attribution(f"{PROSE}\n(Theo TTXVN)\nMinh Anh")
    assert found is not None
    assert (found.outlet, found.author, found.raw) == ("TTXVN", "Minh Anh", "Theo TTXVN\nMinh Anh")


def test_bare_name_counts_only_on_the_last_line() -> None:
    assert find_attribution(f"{PROSE}\nHà Nội\n{MORE}") is None


def test_dateline_in_first_line() -> None:
    found = find_attribution(f"(Cao Nguyên Online) - {PROSE}\n{MORE}\n{PROSE}\n{MORE}")
    assert found is not None and found.outlet == "Cao Nguyên Online"
