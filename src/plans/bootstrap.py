"""Plans steps of `presswatch bootstrap --demo` (orders 110–130). Idempotent.

- 105: the real seed plan (Đắk Nông's plan, ``../shared/seed/`` beside the checkout) when it is
  there: read in place, never copied into the repository. Imported once (matched by SHA-256).
- 110: the demo plan ``data/demo_plan.txt`` — a FICTIONAL plan written by the team in the
  layout of the seed, so the demo also works without the seed. Imported once.
- 120: a few training events, one inspection and one press order (matched by title/topic),
  with dates in the current year; and one progress report, so the dashboard shows progress.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from accounts.models import Unit
from core.bootstrap import BootstrapReport, step
from plans.choices import (
    InspectionKind,
    InspectionStatus,
    OrderStatus,
    ProgressStatus,
    TrainingKind,
)
from plans.importing import build_preview, import_plan, sha256_of
from plans.models import Inspection, Plan, PlanTask, PressOrder, TaskPeriod, TrainingEvent
from plans.parsing import parse_plan_file
from plans.services import submit_report
from registry.models import GeneralSite, PressAgency

DEMO_PLAN = Path(__file__).resolve().parent / "data" / "demo_plan.txt"
#: The Đắk Nông plan this project implements, beside the checkout (read in place, never copied).
SEED_PLAN = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_2da2f8a9fd1c4402.txt"
)
DEMO_NOTE = "Dữ liệu minh họa (hư cấu), chỉ nạp với --demo."


def demo_plan() -> Plan | None:
    return Plan.objects.filter(source_sha256=sha256_of(DEMO_PLAN.read_bytes())).first()


@step(110, demo_only=True)
def load_demo_plan(report: BootstrapReport) -> None:
    """Import the fictional demo plan once."""
    if demo_plan() is not None:
        report.count("plan", created=False)
        return
    content = DEMO_PLAN.read_bytes()
    preview = build_preview(
        parse_plan_file(DEMO_PLAN),
        source_name=DEMO_PLAN.name,
        sha256=sha256_of(content),
        today=timezone.localdate(),
    )
    import_plan(preview, content=content)
    report.count("plan", created=True)


@step(105, demo_only=True)
def load_seed_plan(report: BootstrapReport) -> None:
    """Import the real seed plan (the Đắk Nông plan) when it sits beside the checkout, once."""
    if not SEED_PLAN.is_file():
        return
    content = SEED_PLAN.read_bytes()
    if Plan.objects.filter(source_sha256=sha256_of(content)).exists():
        report.count("plan", created=False)
        return
    preview = build_preview(
        parse_plan_file(SEED_PLAN),
        source_name=SEED_PLAN.name,
        sha256=sha256_of(content),
        today=timezone.localdate(),
    )
    import_plan(preview, content=content)
    report.count("plan", created=True)


def _task(plan: Plan | None, code: str) -> PlanTask | None:
    return plan.tasks.filter(code=code).first() if plan is not None else None


@step(120, demo_only=True)
def load_demo_activities(report: BootstrapReport) -> None:
    """Training events, an inspection, a press order and one progress report (fiction)."""
    plan = demo_plan()
    today = timezone.localdate()
    office = Unit.objects.filter(code="so-vhttdl-lam-dong").first()
    if office is None:
        return
    year = today.year
    _training(report, plan, office, datetime.date(year, 1, 20))
    site = GeneralSite.objects.filter(name="Tin tức Gia Nghĩa 24h").first()
    if site is not None:
        _, created = Inspection.objects.get_or_create(
            general_site=site,
            kind=InspectionKind.UNANNOUNCED,
            date=datetime.date(year, 1, 15),
            defaults={
                "team": "Nguyễn Thị Lan (Sở VHTTDL)\nPhạm Quốc Hùng (Công an tỉnh)",
                "findings": "Trang có chuyên mục 'Tin nóng', dùng danh xưng 'Tòa soạn' "
                "(dấu hiệu báo hóa). " + DEMO_NOTE,
                "status": InspectionStatus.DONE,
                "opens_case": True,
                "task": _task(plan, "2"),
            },
        )
        report.count("inspection", created=created)
    agency = PressAgency.objects.filter(name="Báo Nắng Cao Nguyên").first()
    if agency is not None:
        _, created = PressOrder.objects.get_or_create(
            agency=agency,
            topic="Thanh toán không dùng tiền mặt ở chợ và hộ kinh doanh",
            defaults={
                "topic_query": '"không dùng tiền mặt"',
                "works_count": 6,
                "period_start": datetime.date(year, 1, 1),
                "period_end": datetime.date(year, 12, 31),
                "budget_vnd": 60_000_000,
                "status": OrderStatus.ACTIVE,
                "task": _task(plan, "5"),
                "note": DEMO_NOTE,
            },
        )
        report.count("pressorder", created=created)
    _progress(report, plan)


def _training(report: BootstrapReport, plan: Plan | None, office: Unit, day: datetime.date) -> None:
    events = [
        (TrainingKind.SPOKESPERSONS, "Tập huấn kỹ năng phát ngôn cho người phát ngôn các sở, ngành",
         day, 65, _task(plan, "4.2")),
        (TrainingKind.SITE_STAFF, "Bồi dưỡng nghiệp vụ cho cán bộ quản trị trang thông tin điện tử",
         day + datetime.timedelta(days=21), 40, None),
    ]  # fmt: skip
    for kind, title, date, count, task in events:
        _, created = TrainingEvent.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "date": date,
                "organiser": office,
                "participants_count": count,
                "task": task,
                "notes": DEMO_NOTE,
            },
        )
        report.count("trainingevent", created=created)


def _progress(report: BootstrapReport, plan: Plan | None) -> None:
    period = (
        TaskPeriod.objects.filter(task__plan=plan, task__code="1.2", unit__code="so-y-te-lam-dong")
        .order_by("due")
        .first()
    )
    if plan is None or period is None or period.reported_at is not None:
        return
    submit_report(
        period,
        user=None,
        status=ProgressStatus.IN_PROGRESS,
        text="Đã phân công đầu mối theo dõi tin báo chí về ngành y tế; phản hồi 2 tin chưa chính "
        "xác trong tháng. " + DEMO_NOTE,
        figures={"tin_phan_hoi": 2},
    )
    report.count("progressreport", created=True)
