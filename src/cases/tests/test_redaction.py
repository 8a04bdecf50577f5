"""The redactor masks given personal names (any accents, case, NFC/NFD), phones and e-mails."""

from __future__ import annotations

import unicodedata

import pytest

from cases.redaction import MASK, fold_aligned, redact


def test_names_match_with_or_without_accents_and_in_any_case() -> None:
    text = "Ông Nguyễn Văn An và NGUYEN VAN AN, cả nguyễn văn an đều là một người."
    assert redact(text, ["Nguyễn Văn An"]).count(MASK) == 3
    assert "An" not in redact(text, ["Nguyễn Văn An"]).replace("và", "")


def test_nfd_input_and_curly_apostrophes_match() -> None:
    text = unicodedata.normalize("NFD", "Bà H’Xuân Niê trả lời")
    assert redact(text, ["H'Xuân Niê"]) == f"Bà {MASK} trả lời"


def test_a_name_inside_a_longer_word_is_not_masked() -> None:
    assert redact("Anh Ba Vì", ["An"]) == "Anh Ba Vì"


def test_longest_name_wins() -> None:
    assert redact("Trần Văn Minh đã ký", ["Trần Văn", "Trần Văn Minh"]) == f"{MASK} đã ký"


@pytest.mark.parametrize(
    "phone",
    ["0912345678", "0912 345 678", "0912.345.678", "+84 912 345 678", "02633.822.111"],
)
def test_phone_numbers_are_masked(phone: str) -> None:
    assert redact(f"Gọi {phone} để biết thêm") == f"Gọi {MASK} để biết thêm"


def test_emails_are_masked_and_other_numbers_kept() -> None:
    text = "Thư: an.nguyen@example.vn; Quyết định số 125/QĐ-XPHC, phạt 15.000.000 đồng"
    assert redact(text) == f"Thư: {MASK}; Quyết định số 125/QĐ-XPHC, phạt 15.000.000 đồng"


def test_fold_keeps_positions() -> None:
    text = "Đắk R’lấp"
    assert len(fold_aligned(text)) == len(text)
    assert fold_aligned(text) == "dak r'lap"
