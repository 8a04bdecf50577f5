"""Reports step of `presswatch bootstrap --demo` (order 160). Idempotent.

Queues last month's briefing report and this year's annual report of the demo plan, each once
(matched by kind and period), through the ``reports.generate`` job: the worker of `make demo`
generates them, so the Reports page shows them done with their DOCX and XLSX files.
"""

from __future__ import annotations

from django.utils import timezone

from core.bootstrap import BootstrapReport, step
from plans.bootstrap import demo_plan
from reports import periods
from reports.choices import ReportKind
from reports.models import ReportRun
from reports.tasks import enqueue_run

DEMO_ORIENTATION = (
    "Tiếp tục tuyên truyền các nhiệm vụ phát triển kinh tế - xã hội của tỉnh sau sắp xếp đơn "
    "vị hành chính; chương trình chuyển đổi số và thanh toán không dùng tiền mặt.\n"
    "Kịp thời cung cấp thông tin, định hướng dư luận về các vấn đề báo chí phản ánh; chủ động "
    "phát hiện, cải chính thông tin sai sự thật trên mạng xã hội. (Nội dung minh họa.)"
)


def _queue(report: BootstrapReport, kind: str, period: periods.Period, **fields: object) -> None:
    found = ReportRun.objects.filter(
        kind=kind, period_start=period.start, period_end=period.end
    ).exists()
    if found:
        report.count("report run", created=False)
        return
    run = ReportRun.objects.create(
        kind=kind, period_start=period.start, period_end=period.end, **fields
    )
    enqueue_run(run)
    report.count("report run", created=True)


@step(160, demo_only=True)
def queue_demo_reports(report: BootstrapReport) -> None:
    today = timezone.localdate()
    _queue(report, ReportKind.BRIEFING, periods.last_month(today), orientation=DEMO_ORIENTATION)
    plan = demo_plan()
    if plan is not None:
        _queue(report, ReportKind.ANNUAL, periods.year(today.year), parameters={"plan_id": plan.pk})
