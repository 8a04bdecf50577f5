"""Numbered text tasks: labelled lines, prose sentences, outline rules."""

from __future__ import annotations

import pytest

from plans.parsing.fields import TaskFields, labelled_segments, read_prose
from plans.parsing.tasks import text_tasks
from plans.parsing.types import ScheduleKind


@pytest.mark.parametrize(
    ("text", "lead", "coordinating", "time"),
    [
        (
            "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh, Sở Nội vụ thực hiện; "
            "thời gian: Năm 2026.",
            ["Sở Tư pháp"],
            ["Công an tỉnh", "Sở Nội vụ"],
            "Năm 2026",
        ),
        (
            "Giao Công an tỉnh chủ trì, phối hợp cùng các cơ quan báo chí kiểm tra định kỳ.",
            ["Công an tỉnh"],
            ["các cơ quan báo chí"],
            "",
        ),
        (
            "Tổ chức hội nghị, Sở Nội vụ chủ trì; Ban Dân vận Tỉnh ủy, Hội Nông dân tỉnh phối hợp.",
            ["Sở Nội vụ"],
            ["Ban Dân vận Tỉnh ủy", "Hội Nông dân tỉnh"],
            "",
        ),
        (
            "Các cơ quan báo chí thực hiện thường xuyên.",
            ["Các cơ quan báo chí"],
            [],
            "",
        ),
        (
            "Cơ quan chủ trì: Sở Tài chính; Cơ quan phối hợp: Kho bạc Nhà nước khu vực XIV; "
            "Tiến độ: Quý I/2027.",
            ["Sở Tài chính"],
            ["Kho bạc Nhà nước khu vực XIV"],
            "Quý I/2027",
        ),
        ("Nâng cao chất lượng thông tin đối ngoại.", [], [], ""),
    ],
)
def test_prose(text: str, lead: list[str], coordinating: list[str], time: str) -> None:
    found = TaskFields()
    read_prose([text], found)
    assert (found.lead, found.coordinating, found.time) == (lead, coordinating, time)


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("- Đơn vị chủ trì: Sở Thông tin và Truyền thông.", ["lead"]),
        ("- Cơ quan thực hiện: Sở Nội vụ", ["lead"]),
        ("+ Đơn vị phối hợp: Công an tỉnh", ["coordinating"]),
        ("Thời hạn hoàn thành: 30/6/2026", ["time"]),
        ("- Thời gian thực hiện: Thường xuyên.", ["time"]),
        (
            "Chủ trì: Sở Tài chính; Phối hợp: Sở Nội vụ; Thời gian: 2026",
            ["lead", "coordinating", "time"],
        ),
        ("- Sản phẩm: Báo cáo", ["other"]),
        ("- Tăng cường công tác chỉ đạo", []),
        ("Thực hiện Kế hoạch số 74-KH/TU", []),
    ],
)
def test_labelled_lines(line: str, kinds: list[str]) -> None:
    assert [kind.value for kind, _ in labelled_segments(line, at_start=True)] == kinds


def test_outline_accepts_only_numbers_that_continue_it() -> None:
    tasks = text_tasks(
        [
            "1. Rà soát",
            "1.1. Rà soát trang tin",
            "- Đơn vị chủ trì: Sở Tài chính.",
            "3. Kiểm tra",  # skips 2: still a later sibling
            "Nội dung gồm:",
            "1. kiểm tra giấy phép;",  # does not continue the outline: text of task 3
            "2.5 triệu đồng mỗi đợt",  # a figure, not a code
            "- Đơn vị thực hiện: Công an tỉnh.",
        ]
    )
    assert [(task.code, task.parent) for task in tasks] == [("1", None), ("1.1", "1"), ("3", None)]
    assert tasks[2].lead_units == ("Công an tỉnh",)


def test_lettered_items_without_units_stay_text_of_their_task() -> None:
    tasks = text_tasks(
        [
            "1. Tuyên truyền về báo chí",
            "a) Trên báo in;",
            "b) Trên mạng xã hội.",
            "- Đơn vị thực hiện: Báo Lâm Đồng.",
            "- Thời gian: Hằng quý.",
        ]
    )
    assert [task.code for task in tasks] == ["1"]
    assert tasks[0].lead_units == ("Báo Lâm Đồng",)
    assert tasks[0].schedule.kind is ScheduleKind.QUARTERLY


def test_title_is_cut_before_an_inline_label() -> None:
    (task,) = text_tasks(["2. Rà soát các trang tin; thời gian: Quý III/2026."])
    assert task.title == "Rà soát các trang tin"
    assert (task.schedule.kind, task.schedule.raw) == (ScheduleKind.RANGE, "Quý III/2026")


def test_parent_without_own_time_has_no_schedule_and_leaf_reads_its_text() -> None:
    tasks = text_tasks(
        [
            "1. Kiểm tra trang tin",
            "1.1. Kiểm tra đợt 1, hoàn thành trước ngày 30/6/2026",
            "Sở Văn hóa, Thể thao và Du lịch chủ trì.",
        ]
    )
    assert tasks[0].schedule.raw == ""
    assert tasks[1].schedule.due is not None and tasks[1].schedule.due.isoformat() == "2026-06-30"
