"""Generate one report run: figures → DOCX, XLSX and an HTML preview, with progress recorded.

Called by the durable job ``reports.generate`` (:mod:`reports.tasks`) with the run's id; it may
run again after a crash and simply produces the files again.
"""

from __future__ import annotations

import datetime
import logging
import re

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from core.documents.docx_writer import render_docx
from core.documents.xlsx_writer import render_xlsx
from core.text import fold_diacritics
from plans.models import Plan
from reports import documents, preview
from reports.choices import ReportKind, RunStatus
from reports.figures.annual import annual
from reports.figures.briefing import briefing
from reports.figures.digest import digest
from reports.figures.orders import orders
from reports.figures.reporters import reporters
from reports.models import ReportRun

logger = logging.getLogger(__name__)


class GenerationError(Exception):
    """The run cannot be generated as asked (message for the user)."""


def _progress(run: ReportRun, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent)


def _output(run: ReportRun) -> documents.Output:
    """The documents of the run, built from the figures of its kind."""
    period = run.period
    on = run.parameters.get("date")
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    if run.kind == ReportKind.BRIEFING:
        return documents.briefing_document(briefing(period), run.orientation, day)
    if run.kind == ReportKind.DIGEST:
        return documents.digest_document(digest(period), day)
    if run.kind == ReportKind.ANNUAL:
        plan = Plan.objects.filter(pk=run.parameters.get("plan_id")).first()
        if plan is None:
            raise GenerationError("the plan of this report no longer exists")
        return documents.annual_document(annual(plan, period.start.year), day)
    if run.kind == ReportKind.REPORTERS:
        return documents.reporters_document(reporters(period), day)
    if run.kind == ReportKind.ORDERS:
        return documents.orders_document(orders(period), day)
    raise GenerationError(f"unknown report kind {run.kind!r}")


def file_stem(run: ReportRun, title: str) -> str:
    stem = slugify(fold_diacritics(title).replace("/", "-"))
    return re.sub(r"-+", "-", stem).strip("-")[:80] or f"bao-cao-{run.pk}"


def generate(run: ReportRun) -> ReportRun:
    """Compute, render and store every output of ``run``; the run ends done or failed."""
    run.status, run.progress, run.started_at, run.error = RunStatus.RUNNING, 5, timezone.now(), ""
    run.save(update_fields=["status", "progress", "started_at", "error", "updated_at"])
    try:
        output = _output(run)
        _progress(run, 50)
        docx = render_docx(output.document)
        _progress(run, 75)
        xlsx = render_xlsx(
            output.title, output.sheets, issuer=output.document.issuer, on=output.document.date
        )
        html = render_to_string("reports/preview.html", preview.context(output.document))
    except Exception as error:
        logger.exception("report run %s failed", run.pk)
        message = str(error) if isinstance(error, GenerationError) else repr(error)
        run.status, run.error, run.finished_at = RunStatus.FAILED, message[:2000], timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return run
    stem = file_stem(run, output.title)
    for field in (run.docx, run.xlsx):
        if field:
            field.delete(save=False)
    run.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    run.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    _progress(run, 90)
    run.html = html
    run.title = output.title[:300]
    run.status = RunStatus.DONE
    run.progress = 100
    run.finished_at = timezone.now()
    run.error = ""
    run.save()
    return run
