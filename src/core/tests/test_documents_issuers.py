"""Issuer lines by date, document numbers and the NĐ 30 date line."""

from __future__ import annotations

import datetime
import itertools

import pytest

from core.documents.issuers import (
    date_line,
    date_words,
    issuer_for,
    issuers,
    kind_abbreviation,
    number_symbol,
)

D = datetime.date


DN, LD = "UBND TỈNH ĐẮK NÔNG", "UBND TỈNH LÂM ĐỒNG"
TTTT, VHTTDL = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"


@pytest.mark.parametrize(
    ("on", "parent", "issuer", "suffix", "place", "confidence"),
    [
        (D(2022, 7, 31), DN, TTTT, "STTTT", "Đắk Nông", "S"),
        (D(2025, 2, 28), DN, TTTT, "STTTT", "Đắk Nông", "S"),
        (D(2025, 3, 1), DN, VHTTDL, "SVHTTDL", "Đắk Nông", "K"),
        (D(2025, 6, 30), DN, VHTTDL, "SVHTTDL", "Đắk Nông", "K"),
        (D(2025, 7, 1), LD, VHTTDL, "SVHTTDL", "Lâm Đồng", "S"),
        (D(2026, 11, 26), LD, VHTTDL, "SVHTTDL", "Lâm Đồng", "S"),
    ],
)
def test_issuer_changes_with_the_reorganisation(
    on: datetime.date, parent: str, issuer: str, suffix: str, place: str, confidence: str
) -> None:
    found = issuer_for(on)
    assert (found.parent_line, found.issuer_line, found.symbol_suffix) == (parent, issuer, suffix)
    assert (found.place, found.confidence) == (place, confidence)
    assert found.needs_verification is (confidence != "S")
    assert found.place_confidence == "K"  # the place-name rule is not confirmed by a source


def test_issuer_periods_are_contiguous_and_cover_every_day() -> None:
    periods = issuers()
    assert periods[0].valid_from is None and periods[-1].valid_to is None
    for before, after in itertools.pairwise(periods):
        assert before.valid_to is not None and after.valid_from is not None
        assert after.valid_from - before.valid_to == datetime.timedelta(days=1)
    for period in periods:
        assert period.issuer_line == " ".join(period.header_lines)
        assert period.issuer_line.isupper() and period.parent_line.isupper()


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (D(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (D(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (D(2026, 11, 9), "ngày 09 tháng 11 năm 2026"),
        (D(2026, 12, 10), "ngày 10 tháng 12 năm 2026"),
    ],
)
def test_dates_get_leading_zeros_for_days_below_10_and_months_1_and_2(
    on: datetime.date, expected: str
) -> None:
    assert date_words(on) == expected


def test_date_line_uses_the_place_of_the_issuer() -> None:
    on = D(2026, 1, 5)
    assert date_line(issuer_for(on).place, on) == "Lâm Đồng, ngày 05 tháng 01 năm 2026"


def test_number_and_symbol() -> None:
    lam_dong = issuer_for(D(2026, 3, 1))
    dak_nong = issuer_for(D(2024, 5, 1))
    assert number_symbol("BÁO CÁO", lam_dong, 12) == "12/BC-SVHTTDL"
    assert number_symbol("KẾ HOẠCH", lam_dong, 5) == "05/KH-SVHTTDL"
    assert number_symbol("CÔNG VĂN", lam_dong, 123, division="TTBCXB") == "123/SVHTTDL-TTBCXB"
    assert number_symbol("CÔNG VĂN", dak_nong, 925, division="TTBCXB") == "925/STTTT-TTBCXB"
    assert number_symbol("báo cáo", lam_dong) == "…/BC-SVHTTDL"
    assert kind_abbreviation("Tờ trình") == "TTr"
    with pytest.raises(ValueError, match="unknown document kind"):
        kind_abbreviation("THƯ TAY")
