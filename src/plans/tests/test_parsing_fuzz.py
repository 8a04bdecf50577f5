"""Random input never crashes the parser: it returns a plan or raises NoTasksError."""

from __future__ import annotations

import contextlib
import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from plans.parsing import NoTasksError, UnreadableFileError, parse_plan_text, plan_to_dict
from plans.parsing.docx import blocks_from_docx
from plans.parsing.plan import parse_blocks
from plans.parsing.types import Table

FRAGMENTS = [
    "KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ CỤ THỂ",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. ",
    "1.1. ",
    "2. ",
    "2.3 ",
    "10. ",
    "a) ",
    "b) ",
    "- ",
    "* ",
    "**",
    "| ",
    " | ",
    "|---|---|",
    "Đơn vị chủ trì: ",
    "Cơ quan phối hợp: ",
    "Thời gian thực hiện: ",
    "Thường xuyên",
    "Hằng năm",
    "Quý III/2026",
    "trước ngày 25/11",
    "Từ năm 2022 đến năm 2025",
    "Ít nhất 01 đợt/năm",
    "Sở Văn hóa, Thể thao và Du lịch",
    "các Sở, ban, ngành, địa phương",
    " chủ trì, phối hợp với ",
    "Công an tỉnh",
    "Nơi nhận:",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Lê Văn An",
    "Số: 12/KH-UBND",
    "Lâm Đồng, ngày 05 tháng 3 năm 2026",
    "Căn cứ Luật Báo chí năm 2016;",
    "Chế độ báo cáo",
    "(",
    ")",
    ";",
    ":",
    ".",
    ",",
    "\n",
    "\n\n",
    "3",
    "PHỤ LỤC",
    "STT | Nhiệm vụ | Cơ quan chủ trì",
]
documents = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    "".join
)


def _check(text: str, *, markdown: bool = False) -> None:
    try:
        plan = parse_plan_text(text, markdown=markdown)
    except NoTasksError:
        return
    assert plan.tasks
    assert len({task.code for task in plan.tasks}) == len(plan.tasks)
    dumped = json.dumps(plan_to_dict(plan), ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", dumped)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_structured_noise_never_crashes(text: str) -> None:
    _check(text)
    _check(text, markdown=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.lists(st.text(max_size=20), max_size=6), max_size=8), max_size=3))
def test_random_tables_never_crash(tables: list[list[list[str]]]) -> None:
    header = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện")
    blocks = [Table(rows=(header, *(tuple(row) for row in rows))) for rows in tables]
    try:
        plan = parse_blocks(blocks)
    except NoTasksError:
        return
    assert len({task.code for task in plan.tasks}) == len(plan.tasks)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_are_not_a_docx(data: bytes) -> None:
    with contextlib.suppress(UnreadableFileError):
        blocks_from_docx(data)
