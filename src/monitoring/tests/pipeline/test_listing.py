"""Safety checks on user URL patterns, and link collection from listing pages."""

from __future__ import annotations

import pytest

from monitoring.pipeline.listing import check_listing_pattern, collect_links


@pytest.mark.parametrize(
    "pattern",
    [
        r"/thoi-su/[a-z0-9-]+-\d+\.html$",
        r"^https://baosonglam\.vn/[a-z-]+/.*-\d{4,}\.html$",
        r"/(thoi-su|xa-hoi)/",
        r"/tin-tuc/.*/.*\.html",
        r"(?:\?|&)id=\d+",
        r"[a-z0-9-]+-\d+\.html$",
    ],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert check_listing_pattern(pattern) == ""


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "empty"),
        ("a" * 301, "longer than 300"),
        (r"(a+)+$", "nested repetition"),
        (r"(\w*-)*\d", "nested repetition"),
        (r"(?:[a-z]+/?){2,}x", "nested repetition"),
        (r"(a)\1", "back-references"),
        (r"(?P<x>a)(?P=x)", "back-references"),
        (r".*.*x", "too slow"),
        (r"\w+\w+\w+\d", "too slow"),
        (r"[a-z", "invalid regular expression"),
        (".*" * 9 + "x", "more than 8 unbounded"),
    ],
)
def test_dangerous_or_broken_patterns_are_refused(pattern: str, reason: str) -> None:
    assert reason in check_listing_pattern(pattern)


@pytest.mark.parametrize("stars", [3, 5, 8])
def test_a_slow_pattern_is_refused(stars: int) -> None:
    # how long the check takes is measured in bench/, not asserted here
    assert "too slow" in check_listing_pattern(".*" * stars + "q")


def test_polling_skips_the_timing_and_limits_each_search() -> None:
    from monitoring.pipeline.listing import compile_listing_pattern, search_link

    assert check_listing_pattern(".*.*.*.*.*.*q", timing=False) == ""  # structure only
    matcher = compile_listing_pattern(".*.*.*.*.*.*q")
    assert search_link(matcher, "https://a.vn/q") is True
    assert search_link(matcher, "https://a.vn/" + "x" * 1990) is False  # stopped, or no match


def test_brackets_and_escapes_do_not_count_as_groups() -> None:
    assert check_listing_pattern(r"[(]a+[)]+") == ""  # literal parentheses in classes
    assert check_listing_pattern(r"\(a+\)+") == ""  # escaped parentheses


def test_collect_links_text_title_alt_and_base() -> None:
    html = (
        '<base href="/chuyen-muc/"><a href="a.html">  Bài  <b>một</b> </a>'
        '<a href="b.html" title="Tiêu đề"></a><a href="c.html"><img alt="Ảnh"></a>'
        '<a name="neo">không có href</a><a href="d.html">mở mà không đóng'
    )
    base, links = collect_links(html)
    assert base == "/chuyen-muc/"
    assert links == [
        ("a.html", "Bài  một"),
        ("b.html", "Tiêu đề"),
        ("c.html", "Ảnh"),
        ("d.html", "mở mà không đóng"),
    ]


@pytest.mark.parametrize("html", ["<![if", "<!DOCTYPE", "<a href='x'", "\x00<a href=x>y</a>"])
def test_collect_links_survives_broken_markup(html: str) -> None:
    collect_links(html)
