"""Cleaning lines: page artefacts, broken paragraphs, Markdown emphasis, pipe tables, encodings."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from plans.parsing.keys import clauses, fold
from plans.parsing.lines import clean_lines
from plans.parsing.reader import blocks_from_text, decode_text, read_blocks
from plans.parsing.types import Table, UnreadableFileError, UnsupportedFormatError


def test_page_numbers_and_rules_are_dropped() -> None:
    assert clean_lines(
        ["Nơi nhận:", "3", "- 12 -", "Trang 4", "-------", "___", "KT. CHỦ TỊCH"]
    ) == [
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
    ]


def test_a_paragraph_broken_by_a_page_break_is_joined() -> None:
    lines = clean_lines(
        ["Kế hoạch số 563/KH-UBND ngày 08/11/2019 của Ủy", "ban nhân dân tỉnh về triển khai"]
    )
    assert lines == [
        "Kế hoạch số 563/KH-UBND ngày 08/11/2019 của Ủy ban nhân dân tỉnh về triển khai"
    ]


def test_lettered_items_and_capitalised_lines_stay_apart() -> None:
    assert clean_lines(["1. Tập huấn", "a) Cấp tỉnh", "b) Cấp xã", "Thời gian: Quý I/2026"]) == [
        "1. Tập huấn",
        "a) Cấp tỉnh",
        "b) Cấp xã",
        "Thời gian: Quý I/2026",
    ]


def test_lines_are_nfc_with_single_spaces() -> None:
    (line,) = clean_lines([unicodedata.normalize("NFD", "Sở  Văn hóa,\tThể thao")])
    assert line == "Sở Văn hóa, Thể thao"
    assert unicodedata.is_normalized("NFC", line)


def test_markdown_emphasis_headings_and_bullets_are_removed() -> None:
    blocks = blocks_from_text(
        "## II. NHIỆM VỤ\n* **Đơn vị chủ trì:** Sở Tài chính\n(*hoàn thành trước ngày 20/01/2023*)",
        markdown=True,
    )
    assert blocks == (
        "II. NHIỆM VỤ",
        "- Đơn vị chủ trì: Sở Tài chính",
        "(hoàn thành trước ngày 20/01/2023)",
    )


def test_emphasis_is_removed_from_plain_text_too() -> None:
    assert blocks_from_text("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**") == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_pipe_tables_become_tables() -> None:
    blocks = blocks_from_text(
        "Mở đầu\n| STT | Nhiệm vụ |\n|---|---|\n| 1 | Rà soát<br>trang tin |\n", markdown=True
    )
    assert blocks == ("Mở đầu", Table(rows=(("STT", "Nhiệm vụ"), ("1", "Rà soát\ntrang tin"))))


SENTENCE = "Kế hoạch quản lý báo chí trên địa bàn tỉnh. Sở Văn hóa, Thể thao và Du lịch chủ trì."
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters with a tone are written as the base letter + a tone mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode(),
        ("\ufeff" + SENTENCE).encode(),
        SENTENCE.encode("utf-16"),
        _cp1258(SENTENCE),
    ],
)
def test_text_encodings(data: bytes) -> None:
    assert unicodedata.normalize("NFC", decode_text(data)) == SENTENCE


def test_binary_content_is_unreadable() -> None:
    with pytest.raises(UnreadableFileError):
        decode_text(b"\x00\x01\x02\xff\xfe\x00binary")


def test_read_blocks_refuses_other_types_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.pdf"):
        read_blocks(tmp_path / "plan.pdf")
    with pytest.raises(UnreadableFileError, match="no such file"):
        read_blocks(tmp_path / "missing.txt")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(UnreadableFileError, match="directory"):
        read_blocks(tmp_path / "folder.md")


def test_fold_keeps_length_and_ignores_tone_placement() -> None:
    for text in ["Uỷ ban nhân dân", "Ủy ban nhân dân", "İstanbul", "한국 Đắk"]:
        assert len(fold(text)) == len(text)
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"


def test_clauses_split_sentences_and_semicolons_outside_parentheses() -> None:
    text = "Chủ trì theo dõi; báo cáo (nếu có; khi cần). Phối hợp với Sở, ngành."
    assert clauses(text) == [
        "Chủ trì theo dõi",
        "báo cáo (nếu có; khi cần)",
        "Phối hợp với Sở, ngành",
    ]
