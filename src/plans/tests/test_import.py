"""Importing plans into the database: the seed, all-or-nothing, re-imports, the command."""

from __future__ import annotations

import dataclasses
import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from accounts.models import Unit
from plans.choices import MatchMethod, UnitRole
from plans.importing import (
    DuplicatePlanError,
    ReplaceRefusedError,
    build_preview,
    import_plan,
    sha256_of,
)
from plans.models import Plan, PlanTask, TaskPeriod, TaskUnit, UnmatchedUnitName
from plans.parsing import Schedule, ScheduleKind, Task, parse_plan_file, parse_plan_text
from plans.services import submit_report
from plans.tests.conftest import DEMO_PLAN, seed_path

TODAY = datetime.date(2026, 3, 2)
SEED_CODES = [
    "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "3", "4", "5", "5.1", "5.2",
    "6", "7", "8", "8.1", "8.2", "8.3", "9", "10",
]  # fmt: skip


def _import(path: Path, **options: object) -> Plan:
    content = path.read_bytes()
    preview = build_preview(
        parse_plan_file(path), source_name=path.name, sha256=sha256_of(content), today=TODAY
    )
    return import_plan(preview, content=content, **options).plan  # type: ignore[arg-type]


def _units_of(task: PlanTask, role: str) -> set[str]:
    return set(task.task_units.filter(role=role).values_list("unit__code", flat=True))


@pytest.mark.usefixtures("units", "media")
def test_seed_import_gives_every_task_with_matched_units_and_lists_the_rest() -> None:
    plan = _import(seed_path())
    assert list(plan.tasks.values_list("code", flat=True)) == SEED_CODES
    assert plan.reference_date == datetime.date(2022, 10, 31)  # no date: latest legal basis
    assert (plan.report_cadence, plan.report_month, plan.report_day) == ("annual", 11, 25)
    task = plan.tasks.get(code="1.2")
    assert task.parent == plan.tasks.get(code="1")
    # Báo Đắk Nông and Đài PTTH Đắk Nông were merged: today's unit leads, the named one is kept
    link = task.task_units.get(role=UnitRole.LEAD, named_unit__code="bao-dak-nong")
    assert link.unit.code == "bao-ptth-lam-dong" and link.succeeded
    assert _units_of(task, UnitRole.LEAD) == {"bao-ptth-lam-dong", "tap-chi-nam-nung"}
    assert "tap-chi-nam-nung" in _units_of(task, UnitRole.LEAD)  # "Năm Nung" by its alias
    coordinating = _units_of(task, UnitRole.COORDINATING)
    assert {"btg-tinh-uy-dak-nong", "so-tai-chinh-lam-dong", "hoi-nha-bao-dak-nong"} <= coordinating
    # "Công an tỉnh" named in 2022 is Đắk Nông's police; responsible now: Lâm Đồng's
    police = plan.tasks.get(code="2.1").task_units.get(unit__code="cong-an-lam-dong")
    assert police.named_unit.code == "cong-an-dak-nong"  # type: ignore[union-attr]
    # the collective "Các Sở, ban, ngành, địa phương" leads 5.2: every department and commune
    leads = _units_of(plan.tasks.get(code="5.2"), UnitRole.LEAD)
    assert {"so-y-te-lam-dong", "ubnd-phuong-bac-gia-nghia", "so-tu-phap-lam-dong"} <= leads
    assert (
        not plan.tasks.get(code="5.2")
        .task_units.exclude(method=MatchMethod.COLLECTIVE)
        .filter(role=UnitRole.LEAD)
    )
    names = set(plan.unmatched_names.values_list("raw_name", flat=True))
    assert names == {
        "các đơn vị hoạt động trang Thông tin điện tử, in ấn, xuất bản, phát hành",
        "các đơn vị chủ quản trang thông tin điện tử",
    }
    unmatched = plan.unmatched_names.get(raw_name__startswith="các đơn vị chủ quản")
    assert unmatched.occurrences == [{"task": "8.2", "role": "lead"}]
    # every task that names units has at least one matched unit
    for task in plan.tasks.exclude(lead_names=[]):
        assert task.task_units.exists(), task.code
    assert plan.reporting_duties.count() == 4


@pytest.mark.usefixtures("units", "media")
def test_seed_periods_follow_the_plan_reporting_day() -> None:
    plan = _import(seed_path())
    assert (plan.track_from, plan.track_to) == (
        datetime.date(2026, 1, 1),
        datetime.date(2027, 12, 31),
    )
    periods = TaskPeriod.objects.filter(task__code="1.1", task__plan=plan)
    assert [(p.label, p.start, p.due) for p in periods] == [
        ("2026", datetime.date(2025, 11, 26), datetime.date(2026, 11, 25)),
        ("2027", datetime.date(2026, 11, 26), datetime.date(2027, 11, 25)),
    ]
    assert not TaskPeriod.objects.filter(task__code="1.2")  # 2022–2025: before the window
    assert not TaskPeriod.objects.filter(task__code="1")  # a heading, no time of its own


@pytest.mark.usefixtures("units", "media")
def test_demo_plan_import_matches_aliases_and_leaves_the_unknown_name() -> None:
    plan = _import(DEMO_PLAN)
    assert (plan.number, plan.date) == ("45/KH-UBND", datetime.date(2026, 2, 10))
    assert (plan.report_cadence, plan.report_month, plan.report_day) == ("semiannual", 6, 15)
    task = plan.tasks.get(code="2")
    link = task.task_units.get(role=UnitRole.LEAD)
    assert (link.unit.code, link.method) == ("so-vhttdl-lam-dong", MatchMethod.ALIAS)
    assert list(plan.unmatched_names.values_list("raw_name", flat=True)) == [
        "Trung tâm Truyền thông tỉnh"
    ]
    # task 2 (Quý III/2026) has one period; task 3 (6 tháng/lần) two halves per year
    assert [p.label for p in task.periods.all()] == ["01/07/2026–30/09/2026"]
    assert plan.tasks.get(code="3").periods.count() == 4


@pytest.mark.usefixtures("units", "media")
def test_reimport_is_refused_unless_replace() -> None:
    first = _import(DEMO_PLAN)
    with pytest.raises(DuplicatePlanError, match="imported already"):
        _import(DEMO_PLAN)
    second = _import(DEMO_PLAN, replace=True)
    assert second.pk != first.pk
    assert list(Plan.objects.values_list("pk", flat=True)) == [second.pk]


@pytest.mark.usefixtures("units", "media")
def test_same_number_and_date_with_other_content_is_a_duplicate(tmp_path: Path) -> None:
    _import(DEMO_PLAN)
    edited = tmp_path / "demo_edited.txt"
    edited.write_text(DEMO_PLAN.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(DuplicatePlanError):
        _import(edited)


@pytest.mark.usefixtures("units", "media")
def test_replace_is_refused_once_units_have_reported() -> None:
    plan = _import(DEMO_PLAN)
    period = TaskPeriod.objects.filter(task__plan=plan).first()
    assert period is not None
    submit_report(period, user=None, status="done", text="Đã thực hiện.")
    with pytest.raises(ReplaceRefusedError):
        _import(DEMO_PLAN, replace=True)
    assert Plan.objects.get().pk == plan.pk


@pytest.mark.usefixtures("units", "media")
def test_a_failure_mid_import_leaves_nothing() -> None:
    parsed = parse_plan_text(DEMO_PLAN.read_text(encoding="utf-8"))
    clash = Task("2", "Nhiệm vụ trùng số", None, ("Sở Y tế",), (), Schedule(ScheduleKind.ONCE))
    broken = dataclasses.replace(parsed, tasks=(*parsed.tasks, clash))
    preview = build_preview(broken, source_name="x.txt", sha256="0" * 64, today=TODAY)
    with pytest.raises(IntegrityError):
        import_plan(preview)
    assert not Plan.objects.exists()
    assert not PlanTask.objects.exists()
    assert not TaskUnit.objects.exists()
    assert not UnmatchedUnitName.objects.exists()
    assert not TaskPeriod.objects.exists()


@pytest.mark.usefixtures("units", "media")
def test_command_dry_run_writes_nothing_then_imports() -> None:
    out = StringIO()
    call_command("plan_import", str(DEMO_PLAN), "--dry-run", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["dry_run"] is True and summary["tasks"] == 9
    assert summary["unmatched_names"] == ["Trung tâm Truyền thông tỉnh"]
    assert summary["periods"] > 0
    assert not Plan.objects.exists()
    out = StringIO()
    call_command("plan_import", str(DEMO_PLAN), stdout=out)
    result = json.loads(out.getvalue())
    assert result["plan_id"] == Plan.objects.get().pk
    assert result["periods"] == summary["periods"] == TaskPeriod.objects.count()


@pytest.mark.usefixtures("units", "media")
def test_command_refuses_bad_input_and_a_second_import(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as missing:
        call_command("plan_import", str(tmp_path / "none.txt"))
    assert missing.value.returncode == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("Không có nhiệm vụ nào.", encoding="utf-8")
    with pytest.raises(CommandError, match="no task"):
        call_command("plan_import", str(empty))
    call_command("plan_import", str(DEMO_PLAN), stdout=StringIO())
    with pytest.raises(CommandError, match="imported already"):
        call_command("plan_import", str(DEMO_PLAN), stdout=StringIO())
    call_command("plan_import", str(DEMO_PLAN), "--replace", stdout=StringIO())
    assert Plan.objects.count() == 1
    assert Unit.objects.exists()
