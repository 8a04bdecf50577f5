"""Every report kind through the durable job into DOCX and XLSX; the DOCX is read back to check
the NĐ 30/2020 layout and its content."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import Unit
from cases.tests.helpers import user
from core.access import Role
from core.documents.reader import DocumentLayout, TableInfo, read_docx
from core.models import Job, JobState
from plans.choices import ProgressStatus
from plans.models import Plan, TaskPeriod
from plans.services import submit_report
from reports import periods
from reports.choices import ReportKind, RunStatus
from reports.models import ReportRun, ReportSettings
from reports.tasks import GENERATE, enqueue_run
from reports.tests.helpers import october_articles

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
REPORT_DAY = "2026-11-05"


def generate(capture: Capture, **fields: Any) -> ReportRun:
    fields.setdefault("parameters", {})["date"] = REPORT_DAY
    run = ReportRun.objects.create(**fields)
    with capture(execute=True):
        enqueue_run(run)
    run.refresh_from_db()
    return run


def layout_of(run: ReportRun) -> DocumentLayout:
    with run.docx.open("rb") as handle:
        return read_docx(handle.read())


def check_nd30_layout(layout: DocumentLayout) -> None:
    page = layout.page
    assert (round(page.width_mm), round(page.height_mm), page.portrait) == (210, 297, True)
    assert 20 <= page.top_mm <= 25 and 20 <= page.bottom_mm <= 25
    assert 30 <= page.left_mm <= 35 and 15 - 0.05 <= page.right_mm <= 20
    fonts = {run.font for p in layout.paragraphs() for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}
    title = layout.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert title.bold and title.size in (12, 13)
    motto = layout.find("Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.size in (13, 14)
    assert layout.find("UBND TỈNH LÂM ĐỒNG").bold is False
    assert layout.find("SỞ VĂN HÓA, THỂ THAO").bold
    assert layout.find("Số: …/BC-SVHTTDL")
    date = layout.find("Lâm Đồng, ngày 05 tháng 11 năm 2026")
    assert date.italic
    # page numbers in the header from page 2 only
    assert layout.different_first_page and layout.first_page_header_text.strip() == ""
    assert layout.header_page_field and layout.header_alignment == "center"
    recipients = layout.find("Nơi nhận:")
    assert recipients.bold and recipients.italic and recipients.size == 12
    assert layout.find("- Lưu: VT, QLBC.").size == 11
    assert layout.find("BÁO CÁO").bold


def test_briefing_docx_layout_and_figures(
    media: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    october_articles()
    ReportSettings.objects.create(signer_name="Nguyễn Văn Minh")
    run = generate(
        django_capture_on_commit_callbacks,
        kind=ReportKind.BRIEFING,
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 10, 31),
        orientation="Tuyên truyền kỷ niệm ngày thành lập tỉnh.\nĐẩy mạnh chuyển đổi số.",
    )
    assert (run.status, run.progress, run.error) == (RunStatus.DONE, 100, "")
    assert Job.objects.get(kind=GENERATE).state == JobState.DONE
    layout = layout_of(run)
    check_nd30_layout(layout)
    assert layout.find(
        "Kết quả công tác quản lý nhà nước về báo chí và tình hình thông tin tháng 10/2026"
    )
    assert layout.find("Kính gửi:")
    assert layout.find("Trong tháng 10/2026, có 3 cơ quan báo chí và nguồn tin đăng 7 tin, bài")
    tones = layout.find("Tin, bài tích cực: 3 (42,9%); trung lập: 2 (28,6%)")
    assert "tiêu cực: 2 (28,6%)" in tones.text
    assert layout.pictures == 3  # tone shares, articles per day, top sectors
    assert layout.find("Tuyên truyền kỷ niệm ngày thành lập tỉnh.")
    assert layout.find("Nguyễn Văn Minh").bold
    sectors = next(t for t in layout.tables if t.cell_text(0, 1) == "Lĩnh vực")
    assert [sectors.cell_text(r, 2) for r in range(1, 4)] == ["3", "1", "1"]
    workbook = load_workbook(io.BytesIO(run.xlsx.open("rb").read()))
    summary = {
        row[0]: row[1]
        for row in workbook["Tổng hợp"].iter_rows(values_only=True)
        if row and isinstance(row[0], str)
    }
    assert summary["Số tin, bài về tỉnh"] == 7
    assert summary["Tin, bài tích cực"] == 3
    assert "tháng 10/2026" in run.html and "42,9%" in run.html
    opens_in_libreoffice(run, media)


def opens_in_libreoffice(run: ReportRun, workdir: Path) -> None:
    """The DOCX converts to PDF in LibreOffice, where it is installed (skipped otherwise)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return  # the layout itself was checked by reading the file back above
    source = workdir / "briefing.docx"
    with run.docx.open("rb") as handle:
        source.write_bytes(handle.read())
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(workdir), "PATH": "/usr/bin:/bin"},
    )
    pdf = (workdir / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def _task_rows(layout: DocumentLayout) -> TableInfo:
    return next(t for t in layout.tables if t.cell_text(0, 1) == "Nhiệm vụ")


def test_annual_report_after_a_liaison_reports(
    plan: Plan, media: Path, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    health = Unit.objects.get(code="so-y-te-lam-dong")
    liaison = user(Role.UNIT_LIAISON, unit=health)
    period = (
        TaskPeriod.objects.filter(task__plan=plan, unit=health, task__code="1.2")
        .order_by("due")
        .first()
    )
    assert period is not None
    text = "Đã phối hợp cung cấp thông tin cho báo chí về phòng, chống dịch sốt xuất huyết."
    submit_report(period, user=liaison, status=ProgressStatus.DONE, text=text)
    year = period.due.year
    run = generate(
        django_capture_on_commit_callbacks,
        kind=ReportKind.ANNUAL,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        parameters={"plan_id": plan.pk},
    )
    assert run.status == RunStatus.DONE, run.error
    layout = layout_of(run)
    check_nd30_layout(layout)
    table = _task_rows(layout)
    rows = [[table.cell_text(r, c) for c in range(7)] for r in range(1, len(table.cells))]
    health_rows = [row for row in rows if row[0] == "1.2" and row[2] == health.name]
    assert len(health_rows) == 1
    due = TaskPeriod.objects.filter(task=period.task, unit=health, due__year=year).count()
    assert health_rows[0][3:5] == [str(due), "1"]
    assert health_rows[0][5].startswith("Hoàn thành")
    assert text in health_rows[0][6]
    codes = {row[0] for row in rows}
    assert set(plan.tasks.values_list("code", flat=True)) <= codes
    # the office downloads it; a liaison may not
    client.force_login(user(Role.OFFICER))
    response = client.get(f"/reports/{run.pk}/download/docx/")
    assert response.status_code == 200
    assert read_docx(b"".join(response.streaming_content)).find("BÁO CÁO")  # type: ignore[attr-defined]
    client.force_login(liaison)
    assert client.get(f"/reports/{run.pk}/download/docx/").status_code == 403


@pytest.mark.parametrize(
    ("kind", "start", "end", "first_line"),
    [
        (ReportKind.DIGEST, "2026-10-06", "2026-10-06", "I. SỐ LIỆU CHUNG"),
        (ReportKind.REPORTERS, "2026-07-01", "2026-12-31", "I. VĂN PHÒNG ĐẠI DIỆN"),
        (ReportKind.ORDERS, "2026-10-01", "2026-10-31", "I. THEO ĐƠN ĐẶT HÀNG"),
    ],
)
def test_other_kinds_generate_docx_and_xlsx(
    kind: str,
    start: str,
    end: str,
    first_line: str,
    media: Path,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    october_articles()
    run = generate(
        django_capture_on_commit_callbacks,
        kind=kind,
        period_start=datetime.date.fromisoformat(start),
        period_end=datetime.date.fromisoformat(end),
    )
    assert run.status == RunStatus.DONE, run.error
    layout = layout_of(run)
    check_nd30_layout(layout)
    assert layout.find(first_line).bold
    assert load_workbook(io.BytesIO(run.xlsx.open("rb").read())).sheetnames
    if kind == ReportKind.DIGEST:
        assert layout.find("Trong ngày 06/10/2026, có 2 tin, bài về tỉnh")
        assert layout.find("Đề xuất: Đề nghị")


def test_a_run_that_cannot_be_generated_fails_visibly(
    media: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    run = generate(
        django_capture_on_commit_callbacks,
        kind=ReportKind.ANNUAL,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        parameters={"plan_id": 999999},
    )
    assert run.status == RunStatus.FAILED
    assert "plan" in run.error
    assert not run.docx
    assert Job.objects.get(kind=GENERATE).state == JobState.FAILED


def test_periods_presets() -> None:
    today = datetime.date(2026, 3, 15)
    assert periods.last_month(today) == periods.Period(
        datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
    )
    assert periods.week_before(datetime.date(2026, 11, 23)) == periods.Period(
        datetime.date(2026, 11, 16), datetime.date(2026, 11, 22)
    )
    assert periods.month(2026, 10).label() == "tháng 10/2026"


def test_demo_step_queues_the_briefing_and_annual_report_once(
    plan: Plan, media: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    from core.bootstrap import BootstrapReport
    from reports.bootstrap import queue_demo_reports

    with django_capture_on_commit_callbacks(execute=True):
        queue_demo_reports(BootstrapReport())
        queue_demo_reports(BootstrapReport())
    runs = ReportRun.objects.order_by("kind")
    assert [(r.kind, r.status) for r in runs] == [
        (ReportKind.ANNUAL, RunStatus.DONE),
        (ReportKind.BRIEFING, RunStatus.DONE),
    ]
    assert runs[0].parameters == {"plan_id": plan.pk}
