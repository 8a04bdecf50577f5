"""The press-word and look-alike matcher (pure: no database)."""

from __future__ import annotations

import unicodedata

import pytest

from registry.naming import (
    AgencyName,
    domain_labels,
    domain_like_agencies,
    press_titles_in,
    press_words_in_domain,
    press_words_in_name,
    similar_agencies,
)


def _words_in_name(name: str) -> list[str]:
    return [match.word for match in press_words_in_name(name)]


def _words_in_domain(domain: str) -> list[str]:
    return [match.word for match in press_words_in_domain(domain)]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Tin tức Đắk Nông", ["tin tức"]),
        ("Tin tuc Dak Nong", ["tin tức"]),
        ("TIN TỨC GIA NGHĨA 24H", ["tin tức"]),
        ("Thời báo Tây Nguyên", ["thời báo"]),
        ("Tạp chí Nâm Nung", ["tạp chí"]),
        ("Nhật báo online Cư Jút", ["nhật báo", "online"]),
        ("Báo Đắk Nông mới", ["báo"]),
        ("Bao Dak Nong moi", ["báo"]),
        ("Báo Gia Lai điện tử", ["báo"]),
        ("Dak Nong News", ["news"]),
        ("DaknongNews", ["news"]),
        ("Gia Nghia Times", ["times"]),
        ("Krông Nô Daily", ["daily"]),
        ("Trang tin Cư Jút", ["tin"]),
    ],
)
def test_press_words_in_names(name: str, words: list[str]) -> None:
    assert _words_in_name(name) == words


def test_names_in_decomposed_unicode_match_like_composed() -> None:
    name = unicodedata.normalize("NFD", "Tin tức Đắk Nông")
    assert _words_in_name(name) == ["tin tức"]


@pytest.mark.parametrize(
    "name",
    [
        "Trang thông tin điện tử tổng hợp Đắk Nông",  # thông tin: information, not news
        "Trang thong tin dien tu tong hop Dak Nong",
        "Bảo hiểm xã hội Đắk Nông",  # bảo, not báo
        "Bao hiem xa hoi Dak Nong",
        "Bảo tàng tỉnh Đắk Nông",
        "Thông báo tuyển sinh",  # thông báo: announcement
        "Dự báo thời tiết Tây Nguyên",  # dự báo: forecast
        "Báo cáo thống kê",  # báo cáo: report
        "Cổng thông tin tức thời",
        "Tin học trẻ Gia Nghĩa",  # tin học: informatics
        "Quỹ tín dụng Đắk Mil",  # tín, not tin
        "Uy tín Cao Nguyên",
        "Bão lũ miền Trung",  # bão: storm
        "Tỉnh Đắk Nông",  # tỉnh contains "tin" only as letters
        "Nông nghiệp Xanh Cao Nguyên",
        "Blog WordPress Đắk Mil",
        "Giao hàng Express",
    ],
)
def test_false_friends_in_names_are_not_press_words(name: str) -> None:
    assert _words_in_name(name) == []


@pytest.mark.parametrize(
    ("domain", "words"),
    [
        ("tintucdaknong.vn", ["tin tức"]),
        ("daknong24h.news", ["news"]),
        ("https://www.tin-tuc.vn/trang-chu", ["tin tức"]),
        ("baodaknong.example.vn", ["báo"]),
        ("bao-daknong.vn", ["báo"]),
        ("baoangiang.com.vn", ["báo"]),
        ("baobinhduong.vn", ["báo"]),
        ("baogialai.com.vn", ["báo"]),
        ("tapchinamnung.vn", ["tạp chí"]),
        ("daknongonline.vn", ["online"]),
        ("tin247.com", ["tin"]),
        ("tinnhanhdaknong.vn", ["tin"]),
        ("giangnghia.press", ["press"]),
        ("TinTucDakNong.VN", ["tin tức"]),
    ],
)
def test_press_words_in_domains(domain: str, words: list[str]) -> None:
    assert _words_in_domain(domain) == words


@pytest.mark.parametrize(
    "domain",
    [
        "tinhdaknong.gov.vn",  # tỉnh
        "congthongtin.daknong.gov.vn",  # cổng thông tin
        "thongtintucthoi.vn",
        "baohiemxahoi.vn",  # bảo hiểm
        "baoveantoan.vn",  # bảo vệ
        "baobi-daknong.vn",  # bao bì
        "baocaotaichinh.vn",  # báo cáo
        "tinnhan.vn",  # tin nhắn
        "tinhoc-daknong.vn",  # tin học
        "nongnghiepxanh.example.vn",
        "mysite.wordpress.com",
        "daknongexpress.vn",
    ],
)
def test_false_friends_in_domains_are_not_press_words(domain: str) -> None:
    assert _words_in_domain(domain) == []


def test_domain_labels_strip_scheme_path_port_and_fold() -> None:
    assert domain_labels("HTTPS://www.Tin-Tuc.vn:8080/a/b") == ["www", "tin", "tuc", "vn"]


def test_match_names_the_word_and_the_text_it_was_found_in() -> None:
    match = press_words_in_domain("daknong24h.news")[0]
    assert (match.word, match.text) == ("news", "daknong24h.news")


AGENCIES = [
    AgencyName(1, "Báo Đắk Nông", ("Đắk Nông newspaper",), ("baodaknong.vn",)),
    AgencyName(2, "Đài Phát thanh và Truyền hình Đắk Nông", ("PTTH Đắk Nông",)),
    AgencyName(3, "Tạp chí Nâm Nung"),
    AgencyName(4, "VOV"),
]


def _agencies_like(name: str) -> list[int]:
    return [match.agency.key for match in similar_agencies(name, AGENCIES)]


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Báo Đắk Nông Online", [1]),  # contains the agency's name
        ("Bao Dak Nong", [1]),  # the same without accents
        ("Báo Đăk Nông", [1]),  # a spelling variant
        ("Đài PT-TH Đắk Nông", [2]),  # the alias written together
        ("Tạp chí Năm Nung", [3]),  # one letter off: similar
        ("VOV Đắk Nông", [4]),
    ],
)
def test_names_similar_to_an_agency(name: str, keys: list[int]) -> None:
    assert _agencies_like(name) == keys


@pytest.mark.parametrize(
    "name", ["Vovinam Đắk Nông", "Nông nghiệp Xanh Cao Nguyên", "Tin tức Gia Nghĩa", ""]
)
def test_names_unlike_any_agency(name: str) -> None:
    assert _agencies_like(name) == []


def test_similar_name_reports_the_agency_name_it_resembles() -> None:
    match = similar_agencies("Đài PT-TH Đắk Nông", AGENCIES)[0]
    assert match.matched_name == "PTTH Đắk Nông"
    assert match.ratio == 1.0


def test_domains_like_an_agency_name_or_domain() -> None:
    assert [m.agency.key for m in domain_like_agencies("baodaknong.net", AGENCIES)] == [1]
    assert [m.agency.key for m in domain_like_agencies("www.tapchinamnung.vn", AGENCIES)] == [3]
    assert domain_like_agencies("nongnghiepxanh.vn", AGENCIES) == []
    assert domain_like_agencies("vov.vn", AGENCIES) == []  # too short to compare


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("Nhà báo", ["nhà báo"]),
        ("Nha bao Nguyen Van A", ["nhà báo"]),
        ("Phóng viên", ["phóng viên"]),
        ("Biên tập viên", ["biên tập viên"]),
        ("Giám đốc", []),
        ("", []),
    ],
)
def test_press_titles(title: str, found: list[str]) -> None:
    assert press_titles_in(title, ("nhà báo", "phóng viên", "biên tập viên")) == found
