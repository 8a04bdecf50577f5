"""Lists of responsible units → unit names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.parsing.units import is_unit_start, split_units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Sở Thông tin và Truyền thông.", ["Sở Thông tin và Truyền thông"]),
        (
            "Ban Tuyên giáo Tỉnh ủy, Hội Nhà báo tỉnh, Báo Đắk Nông, "
            "Đài Phát thanh và Truyền hình Đắk Nông, Tạp chí Năm Nung.",
            [
                "Ban Tuyên giáo Tỉnh ủy",
                "Hội Nhà báo tỉnh",
                "Báo Đắk Nông",
                "Đài Phát thanh và Truyền hình Đắk Nông",
                "Tạp chí Năm Nung",
            ],
        ),
        (
            "Báo Đắk Nông (phát triển báo in, báo điện tử), "
            "Tạp chí Năm Nung (phát triển Tạp chí in).",
            ["Báo Đắk Nông", "Tạp chí Năm Nung"],
        ),
        (
            "Ban Tuyên giáo Tỉnh ủy; các Sở, Ban, ngành, địa phương.",
            ["Ban Tuyên giáo Tỉnh ủy", "các Sở, Ban, ngành, địa phương"],
        ),
        ("Các Sở, ban, ngành, địa phương.", ["Các Sở, ban, ngành, địa phương"]),
        ("UBND các huyện, thành phố", ["UBND các huyện, thành phố"]),
        (
            "Hội Nhà báo tỉnh, các cơ quan báo chí địa phương; "
            "các đơn vị hoạt động trang Thông tin điện tử, in ấn, xuất bản, phát hành.",
            [
                "Hội Nhà báo tỉnh",
                "các cơ quan báo chí địa phương",
                "các đơn vị hoạt động trang Thông tin điện tử, in ấn, xuất bản, phát hành",
            ],
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh và Sở Khoa học và Công nghệ",
            ["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Sở Khoa học và Công nghệ"],
        ),
        ("Báo và Phát thanh, Truyền hình Lâm Đồng", ["Báo và Phát thanh, Truyền hình Lâm Đồng"]),
        ("Sở Tài chính và các đơn vị liên quan", ["Sở Tài chính", "các đơn vị liên quan"]),
        (
            "Sở Khoa học và Công nghệ\nViettel Gia Lai",
            ["Sở Khoa học và Công nghệ", "Viettel Gia Lai"],
        ),
        ("VNPT Lâm Đồng, Viettel Lâm Đồng", ["VNPT Lâm Đồng", "Viettel Lâm Đồng"]),
        ("Công an tỉnh, Công an tỉnh.", ["Công an tỉnh"]),
        ("", []),
    ],
)
def test_split_units(text: str, units: list[str]) -> None:
    assert list(split_units(text)) == units


def test_decomposed_input_gives_composed_names() -> None:
    units = split_units(
        unicodedata.normalize("NFD", "Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh")
    )
    assert units == ("Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Tài chính", True),
        ("các Sở, ban, ngành", True),
        ("UBND tỉnh", True),
        ("Uỷ ban nhân dân tỉnh", True),
        ("Thể thao và Du lịch", False),
        ("in ấn", False),
        ("rà soát các trang", False),
    ],
)
def test_is_unit_start(text: str, expected: bool) -> None:
    assert is_unit_start(text) is expected


@given(st.text(max_size=120))
def test_any_text_gives_trimmed_names(text: str) -> None:
    for name in split_units(text):
        assert name == name.strip()
        assert name
        assert unicodedata.is_normalized("NFC", name)
