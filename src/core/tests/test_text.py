import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import fold_diacritics, normalize_text, tone_key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("hòa", "hoà"),
        ("Thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("Đắk R’lấp", "đắk r'lấp"),
        (unicodedata.normalize("NFD", "Đắk Nông"), "Đắk Nông"),
    ],
)
def test_tone_key_ignores_tone_mark_placement_and_forms(left: str, right: str) -> None:
    assert tone_key(left) == tone_key(right)


def test_tone_key_keeps_different_tones_apart() -> None:
    assert tone_key("hòa") != tone_key("hóa")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đắk Nông", "dak nong"),
        ("Đăk Nông", "dak nong"),
        ("Krông Nô", "krong no"),
        ("R’lấp", "r'lap"),
    ],
)
def test_fold_diacritics(text: str, folded: str) -> None:
    assert fold_diacritics(text) == folded


def test_normalize_text_collapses_space_and_apostrophes() -> None:
    raw = "  Đắk\u00a0R\u2019lấp \t  mới\r\n\r\n\r\n  dòng hai "
    assert normalize_text(raw) == "Đắk R'lấp mới\n\ndòng hai"


@given(st.text())
def test_normalize_text_is_idempotent_and_nfc(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text())
def test_keys_are_stable(text: str) -> None:
    assert tone_key(tone_key(text)) == tone_key(text)
    assert fold_diacritics(fold_diacritics(text)) == fold_diacritics(text)
