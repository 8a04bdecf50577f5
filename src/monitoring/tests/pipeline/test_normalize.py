"""Matching keys: tone-mark placement and diacritics do not change what text matches."""

from __future__ import annotations

import unicodedata

import pytest

from monitoring.pipeline.normalize import matching_text


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hòa Bình", "Hoà Bình"),  # old and new tone-mark placement
        ("thủy lợi", "thuỷ lợi"),
        ("Đắk Nông", unicodedata.normalize("NFD", "Đắk Nông")),  # decomposed input
        ("ĐẮK NÔNG", "đắk nông"),  # case
        ("R’lấp", "R'lấp"),  # curly and straight apostrophes
        ("Sở  Y tế\u00a0tỉnh", "Sở Y tế tỉnh"),  # white space
    ],
)
def test_tone_key_ignores_spelling_variants(left: str, right: str) -> None:
    assert matching_text(left).tone_key == matching_text(right).tone_key


def test_tone_key_keeps_different_tones_apart() -> None:
    assert matching_text("bán").tone_key != matching_text("bàn").tone_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đắk Nông", "dak nong"),
        ("Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh"),
        ("Thuỷ lợi Hoà Bình", "thuy loi hoa binh"),
    ],
)
def test_folded_drops_every_diacritic(text: str, folded: str) -> None:
    assert matching_text(text).folded == folded


def test_accented_and_unaccented_text_fold_alike() -> None:
    accented, plain = matching_text("Nguồn: Báo Đắk Nông"), matching_text("Nguon: Bao Dak Nong")
    assert accented.folded == plain.folded
