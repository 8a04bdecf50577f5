"""Reporting duties of the organisation section."""

from __future__ import annotations

from plans.parsing.reporting import reporting_duties
from plans.parsing.structure import Section, SectionKind
from plans.parsing.types import ReportingDuty


def _section(*lines: str, kind: SectionKind = SectionKind.ORGANISATION) -> Section:
    return Section(3, "TỔ CHỨC THỰC HIỆN", kind, lines)


def test_responsibility_item_with_a_dated_deadline() -> None:
    (duty,) = reporting_duties(
        [
            _section(
                "1. Trách nhiệm thực hiện",
                "1.1. Sở Nội vụ: Chủ trì hướng dẫn; gửi kế hoạch về Sở Văn hóa, Thể thao và Du "
                "lịch trước ngày 15/4/2026.",
            )
        ]
    )
    assert duty.who == "Sở Nội vụ"
    assert duty.due_rule == "trước ngày 15/4/2026"
    assert duty.what == "gửi kế hoạch về Sở Văn hóa, Thể thao và Du lịch"


def test_clauses_without_reporting_or_deadline_are_not_duties() -> None:
    section = _section(
        "2. Kinh phí thực hiện",
        "Các cơ quan, đơn vị chủ động bố trí kinh phí để thực hiện các nhiệm vụ thường xuyên.",
        "3. Công an tỉnh: Phối hợp kiểm tra theo Nghị định số 09/2017/NĐ-CP ngày 09/02/2017.",
    )
    assert reporting_duties([section]) == ()


def test_reporting_heading_with_text_after_its_colon() -> None:
    (duty,) = reporting_duties(
        [_section("4. Chế độ báo cáo: Các sở, ngành báo cáo kết quả về Sở Tư pháp hằng quý.")]
    )
    assert duty == ReportingDuty(
        what="kết quả",
        who="Các sở, ngành",
        due_rule="hằng quý",
        raw="Các sở, ngành báo cáo kết quả về Sở Tư pháp hằng quý",
    )


def test_a_reporting_section_of_its_own() -> None:
    section = _section(
        "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) báo cáo kết quả "
        "thực hiện.",
        kind=SectionKind.REPORTING,
    )
    (duty,) = reporting_duties([section])
    assert duty.who == ""
    assert duty.due_rule == "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)"


def test_other_sections_give_no_duties() -> None:
    section = _section("Báo cáo hằng năm trước ngày 25/11.", kind=SectionKind.TASKS)
    assert reporting_duties([section]) == ()


def test_a_bracket_closing_after_the_last_date_is_kept() -> None:
    section = _section(
        "Định kỳ 6 tháng (trước ngày 15/6 và 15/12) báo cáo kết quả thực hiện về Ủy ban nhân dân "
        "tỉnh (qua Sở Văn hóa, Thể thao và Du lịch) để tổng hợp.",
        kind=SectionKind.REPORTING,
    )
    (duty,) = reporting_duties([section])
    assert duty.due_rule == "Định kỳ 6 tháng (trước ngày 15/6 và 15/12)"
