"""Unit-name matching and period computation (pure: no database)."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from plans.matching import UnitCandidate, UnitMatcher, collective_kinds, is_collective, similarity
from plans.periods import ReportingRule, TaskSchedule, compute_periods, report_dates

D = datetime.date
UNITS = [
    UnitCandidate(1, "Sở Thông tin và Truyền thông tỉnh Đắk Nông", "Sở TT&TT Đắk Nông",
                  ("Sở Thông tin và Truyền thông", "Sở TT&TT"), "department",
                  valid_to=D(2025, 2, 28), successor_id=2),
    UnitCandidate(2, "Sở Khoa học và Công nghệ tỉnh Đắk Nông", kind="department",
                  valid_to=D(2025, 6, 30), successor_id=3),
    UnitCandidate(3, "Sở Khoa học và Công nghệ tỉnh Lâm Đồng", "Sở Khoa học và Công nghệ",
                  kind="department", valid_from=D(2025, 7, 1)),
    UnitCandidate(4, "Hội Nhà báo tỉnh Đắk Nông", "Hội Nhà báo tỉnh", ("Hội nhà báo tỉnh",),
                  "association"),
    UnitCandidate(5, "Sở Tài chính tỉnh Đắk Nông", aliases=("Sở Tài chính",), kind="department",
                  valid_to=D(2025, 6, 30), successor_id=6),
    UnitCandidate(6, "Sở Tài chính tỉnh Lâm Đồng", "Sở Tài chính", kind="department",
                  valid_from=D(2025, 7, 1)),
    UnitCandidate(7, "Ủy ban nhân dân phường Bắc Gia Nghĩa", kind="commune",
                  valid_from=D(2025, 7, 1)),
    UnitCandidate(8, "Ủy ban nhân dân huyện Cư Jút", kind="peoples_committee",
                  valid_to=D(2025, 6, 30)),
    UnitCandidate(9, "Tạp chí Nâm Nung", aliases=("Tạp chí Năm Nung",), kind="press_agency"),
    UnitCandidate(10, "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng", kind="department",
                  aliases=("Sở Văn hóa, Thể thao và Du lịch",), valid_from=D(2025, 7, 1)),
]  # fmt: skip
OLD = UnitMatcher(UNITS, reference=D(2022, 10, 31), today=D(2026, 3, 1))
NEW = UnitMatcher(UNITS, reference=D(2026, 2, 10), today=D(2026, 3, 1))


def test_exact_alias_is_followed_to_todays_unit_through_two_successors() -> None:
    match = OLD.match("Sở Thông tin và Truyền thông")
    assert (match.method, match.named_id, match.current_id) == ("alias", 1, 3)


@pytest.mark.parametrize(
    "written",
    [
        "Hội Nhà báo tỉnh",
        "hội nhà báo tỉnh",
        "Hoi Nha bao tinh",  # without diacritics
        unicodedata.normalize("NFD", "Hội Nhà báo tỉnh"),  # decomposed
    ],
)
def test_case_diacritics_and_normal_forms_do_not_matter(written: str) -> None:
    assert OLD.match(written).current_id == 4


def test_both_tone_placements_match() -> None:
    assert NEW.match("Sở Văn hoá, Thể thao và Du lịch").current_id == 10  # hoá vs hóa
    assert NEW.match("Sở Văn hoá, Thể thao và Du lịch").method == "alias"


def test_the_plan_date_chooses_between_units_of_the_same_name() -> None:
    assert OLD.match("Sở Tài chính").named_id == 5  # 2022: Đắk Nông's
    assert OLD.match("Sở Tài chính").current_id == 6
    assert NEW.match("Sở Tài chính").named_id == 6  # 2026: Lâm Đồng's (its short name)


def test_fuzzy_match_keeps_its_score_and_a_weak_one_only_suggests() -> None:
    match = OLD.match("Hội Nhà báo Đắk Nông")
    assert match.method == "fuzzy" and match.current_id == 4 and 0.8 <= match.score < 1
    weak = OLD.match("Hội Nhà văn tỉnh")
    assert weak.current_id is None and not weak.matched
    assert weak.candidate_id == 4 and 0.5 <= weak.score < 0.8


def test_misspelt_press_agency_matches_its_alias() -> None:
    assert OLD.match("Tạp chí Năm Nung").current_id == 9


def test_collectives_expand_to_todays_units_of_their_kinds() -> None:
    assert is_collective("các Sở, Ban, ngành, địa phương")
    assert is_collective("UBND các huyện, thành phố")
    assert not is_collective("Sở Tài chính")
    assert collective_kinds("các Sở, Ban, ngành, địa phương") == ("department", "commune")
    match = OLD.match("các Sở, Ban, ngành, địa phương")
    assert match.is_collective and match.method == "collective"
    assert set(match.expanded) == {3, 6, 7, 10}  # departments and communes in force today
    assert OLD.match("UBND các huyện, thành phố").expanded == (7,)  # districts are gone
    unknown = OLD.match("các đơn vị chủ quản trang thông tin điện tử")
    assert unknown.is_collective and not unknown.matched


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("Sở Tài chính", "sở tài chính") == 1.0
    assert similarity("a b", "c d") == 0.0
    assert similarity("Sở Y tế", "Sở Y tế tỉnh") == similarity("Sở Y tế tỉnh", "Sở Y tế")


# --- periods --------------------------------------------------------------------------------------
WINDOW = (D(2026, 1, 1), D(2026, 12, 31))
YEARLY = ReportingRule("annual", 11, 25)


def test_report_dates_of_each_cadence() -> None:
    assert report_dates(YEARLY, 2026) == [("2026", D(2026, 11, 25))]
    half = ReportingRule("semiannual", 6, 15)
    assert report_dates(half, 2026) == [("H1/2026", D(2026, 6, 15)), ("H2/2026", D(2026, 12, 15))]
    quarter = ReportingRule("quarterly", 12, 31)
    assert [d for _l, d in report_dates(quarter, 2026)] == [
        D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (TaskSchedule("continuous"), [("2026", D(2025, 11, 26), D(2026, 11, 25))]),
        (TaskSchedule("annual"), [("2026", D(2026, 1, 1), D(2026, 11, 25))]),
        (
            TaskSchedule("semiannual"),
            [
                ("H1/2026", D(2026, 1, 1), D(2026, 6, 30)),
                ("H2/2026", D(2026, 7, 1), D(2026, 12, 31)),
            ],
        ),
        (TaskSchedule("once", due=D(2026, 9, 30)), [("30/09/2026", D(2026, 1, 1), D(2026, 9, 30))]),
        (TaskSchedule("once"), []),
        (TaskSchedule("once", due=D(2027, 1, 5)), []),  # outside the window
        (
            TaskSchedule("range", start=D(2026, 7, 1), end=D(2026, 9, 30)),
            [("01/07/2026–30/09/2026", D(2026, 7, 1), D(2026, 9, 30))],
        ),
        (
            TaskSchedule("from", start=D(2026, 3, 1)),
            [("2026", D(2026, 3, 1), D(2026, 11, 25))],
        ),
        (TaskSchedule("range", start=D(2022, 1, 1), end=D(2025, 12, 31)), []),
    ],
)
def test_periods_of_each_schedule_kind(
    schedule: TaskSchedule, expected: list[tuple[str, datetime.date, datetime.date]]
) -> None:
    periods = compute_periods(schedule, YEARLY, WINDOW)
    assert [(p.label, p.start, p.due) for p in periods] == expected


def test_quarterly_and_monthly_give_four_and_twelve_periods() -> None:
    assert len(compute_periods(TaskSchedule("quarterly"), YEARLY, WINDOW)) == 4
    months = compute_periods(TaskSchedule("monthly"), YEARLY, WINDOW)
    assert len(months) == 12 and months[1].due == D(2026, 2, 28)


def test_long_range_reports_yearly_and_at_its_end() -> None:
    window = (D(2026, 1, 1), D(2027, 12, 31))
    schedule = TaskSchedule("range", start=D(2026, 1, 1), end=D(2027, 12, 31))
    periods = compute_periods(schedule, YEARLY, window)
    assert [p.due for p in periods] == [D(2026, 11, 25), D(2027, 11, 25), D(2027, 12, 31)]
    assert periods[0].start == D(2026, 1, 1)


@pytest.mark.django_db
def test_press_tasks_of_the_dissolved_dic_go_to_the_culture_department() -> None:
    """Sở TT&TT merged into Sở KH&CN (2025), but press management went to Sở VHTTDL: a plan
    task the DIC leads is followed to Sở VHTTDL Lâm Đồng, not to Sở KH&CN."""
    from accounts.models import Unit
    from core import bootstrap
    from plans.services import current_unit

    bootstrap.run(demo=False)
    dic = Unit.objects.get(code="so-tttt-dak-nong")
    assert current_unit(dic, datetime.date(2026, 11, 26)).code == "so-vhttdl-lam-dong"
    science = Unit.objects.get(code="so-khcn-dak-nong")
    assert current_unit(science, datetime.date(2026, 11, 26)).code == "so-khcn-lam-dong"
