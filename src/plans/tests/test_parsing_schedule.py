"""Time expressions of plans → schedules."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.parsing.schedule import parse_schedule, time_phrase
from plans.parsing.types import ScheduleKind

D = datetime.date
K = ScheduleKind


@pytest.mark.parametrize(
    ("raw", "kind", "start", "end", "due", "minimum"),
    [
        ("Thường xuyên.", K.CONTINUOUS, None, None, None, None),
        ("Liên tục", K.CONTINUOUS, None, None, None, None),
        ("Hàng năm.", K.ANNUAL, None, None, None, None),
        ("Hằng năm", K.ANNUAL, None, None, None, None),
        ("Ít nhất 01 đợt/năm.", K.ANNUAL, None, None, None, 1),
        ("Tối thiểu 02 lần/năm", K.ANNUAL, None, None, None, 2),
        ("02 lần/năm", K.SEMIANNUAL, None, None, None, None),
        ("6 tháng/lần", K.SEMIANNUAL, None, None, None, None),
        ("Định kỳ (6 tháng/lần)", K.SEMIANNUAL, None, None, None, None),
        ("Định kỳ 6 tháng", K.SEMIANNUAL, None, None, None, None),
        ("Hằng quý", K.QUARTERLY, None, None, None, None),
        ("Hàng tháng", K.MONTHLY, None, None, None, None),
        ("Từ năm 2022 đến năm 2025.", K.RANGE, D(2022, 1, 1), D(2025, 12, 31), None, None),
        ("Giai đoạn 2026-2030", K.RANGE, D(2026, 1, 1), D(2030, 12, 31), None, None),
        ("Năm 2024.", K.RANGE, D(2024, 1, 1), D(2024, 12, 31), None, None),
        ("Quý III/2026", K.RANGE, D(2026, 7, 1), D(2026, 9, 30), None, None),
        ("Quý 4 năm 2026", K.RANGE, D(2026, 10, 1), D(2026, 12, 31), None, None),
        ("Tháng 2/2028", K.RANGE, D(2028, 2, 1), D(2028, 2, 29), None, None),
        ("6 tháng đầu năm 2026", K.RANGE, D(2026, 1, 1), D(2026, 6, 30), None, None),
        (
            "Từ ngày 01/3/2026 đến ngày 30/6/2026",
            K.RANGE,
            D(2026, 3, 1),
            D(2026, 6, 30),
            None,
            None,
        ),
        ("Từ quý II/2026 đến quý IV/2027", K.RANGE, D(2026, 4, 1), D(2027, 12, 31), None, None),
        ("Từ năm 2023.", K.FROM, D(2023, 1, 1), None, None, None),
        ("Từ tháng 3/2026", K.FROM, D(2026, 3, 1), None, None, None),
        ("Trước 30/9/2022", K.ONCE, None, None, D(2022, 9, 30), None),
        ("hoàn thành trước ngày 20/01/2023", K.ONCE, None, None, D(2023, 1, 20), None),
        ("Chậm nhất ngày 15 tháng 12 năm 2026", K.ONCE, None, None, D(2026, 12, 15), None),
        ("Đến hết năm 2025", K.ONCE, None, None, D(2025, 12, 31), None),
        ("30/9/2026", K.ONCE, None, None, D(2026, 9, 30), None),
        ("trước ngày 25/11", K.ONCE, None, None, None, None),
        ("Hằng năm (trước ngày 25/11)", K.ANNUAL, None, None, None, None),
        ("Hằng năm, giai đoạn 2026 - 2030", K.ANNUAL, D(2026, 1, 1), D(2030, 12, 31), None, None),
        ("Quý I hằng năm", K.ANNUAL, None, None, None, None),
        ("Thường xuyên, hằng năm tổng kết", K.CONTINUOUS, None, None, None, None),
        ("Theo chỉ đạo của Ủy ban nhân dân tỉnh", K.ONCE, None, None, None, None),
        ("Trước 31/02/2026", K.ONCE, None, None, None, None),  # no such day
    ],
)
def test_parse_schedule(
    raw: str,
    kind: ScheduleKind,
    start: datetime.date | None,
    end: datetime.date | None,
    due: datetime.date | None,
    minimum: int | None,
) -> None:
    schedule = parse_schedule(raw)
    assert (schedule.kind, schedule.start, schedule.end, schedule.due, schedule.min_per_year) == (
        kind,
        start,
        end,
        due,
        minimum,
    )
    assert schedule.raw == raw.rstrip(".")


@pytest.mark.parametrize("raw", ["Hàng năm", "Quý III/2026", "Từ năm 2022 đến năm 2025"])
def test_decomposed_and_old_style_text_reads_the_same(raw: str) -> None:
    decomposed = unicodedata.normalize("NFD", raw.replace("Quý", "Quí"))
    plain, variant = parse_schedule(raw), parse_schedule(decomposed)
    assert (variant.kind, variant.start, variant.end) == (plain.kind, plain.start, plain.end)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Định kỳ hàng năm (trước ngày 25/11) báo cáo kết quả",
            "Định kỳ hàng năm (trước ngày 25/11)",
        ),
        (
            "thực hiện chế độ báo cáo định kỳ và đột xuất theo yêu cầu",
            "định kỳ và đột xuất theo yêu cầu",
        ),
        (
            "Xây dựng kế hoạch (hoàn thành trước ngày 20/01/2023, gửi về Sở)",
            "hoàn thành trước ngày 20/01/2023",
        ),
        ("Giao Sở Tài chính kiểm tra định kỳ 6 tháng/lần các đơn vị", "định kỳ 6 tháng/lần"),
        ("Tổ chức hội nghị trong quý III/2026", "trong quý III/2026"),
        ("Không có mốc thời gian nào", None),
    ],
)
def test_time_phrase_in_a_sentence(sentence: str, phrase: str | None) -> None:
    assert time_phrase(sentence) == phrase


@given(st.text(max_size=200))
def test_any_text_gives_a_schedule(raw: str) -> None:
    schedule = parse_schedule(raw)
    assert schedule.kind in ScheduleKind
    assert schedule.min_per_year is None or schedule.min_per_year > 0
