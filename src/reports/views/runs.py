"""Report runs: the list (rows poll while a run is queued or running), a new run, the preview,
the downloads and generating a run again with an edited orientation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, is_allowed, requires
from core.htmx import paginate
from reports.choices import ReportKind
from reports.forms import RunForm
from reports.models import CONTENT_TYPES, ReportRun
from reports.tasks import enqueue_run


@requires(Capability.VIEW_REPORTS)
def run_list(request: HttpRequest) -> HttpResponse:
    runs = ReportRun.objects.select_related("created_by")
    if request.GET.get("kind") in ReportKind.values:
        runs = runs.filter(kind=request.GET["kind"])
    context: dict[str, Any] = {
        "page": paginate(request, runs, per_page=30),
        "kinds": ReportKind.choices,
        "values": request.GET,
        "can_configure": is_allowed(request.user, Capability.MANAGE_PLANS),
    }
    return render(request, "reports/run_list.html", context)


@requires(Capability.VIEW_REPORTS)
def run_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the list (htmx polls it every 2 s while the run is queued or running)."""
    run = get_object_or_404(ReportRun.objects.select_related("created_by"), pk=pk)
    return render(request, "reports/_run_row.html", {"run": run})


@requires(Capability.VIEW_REPORTS)
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status block of the run page (polled like a row while the run is not finished)."""
    run = get_object_or_404(ReportRun, pk=pk)
    return render(request, "reports/_run_status.html", {"run": run})


def _create(request: HttpRequest, data: dict[str, Any]) -> ReportRun:
    period = data["period"]
    parameters: dict[str, Any] = {}
    if data["kind"] == ReportKind.ANNUAL and data.get("plan") is not None:
        parameters["plan_id"] = data["plan"].pk
    run = ReportRun.objects.create(
        kind=data["kind"],
        period_start=period.start,
        period_end=period.end,
        parameters=parameters,
        orientation=data.get("orientation", "") if data["kind"] == ReportKind.BRIEFING else "",
        created_by=request.user if request.user.is_authenticated else None,
    )
    enqueue_run(run)
    return run


@requires(Capability.VIEW_REPORTS)
def run_new(request: HttpRequest) -> HttpResponse:
    initial = {"kind": request.GET.get("kind", ReportKind.BRIEFING)}
    form = RunForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        run = _create(request, form.cleaned_data)
        messages.success(request, _("The report is being generated; this page shows its progress."))
        return redirect("reports:run_detail", run.pk)
    return render(request, "reports/run_form.html", {"form": form})


@requires(Capability.VIEW_REPORTS)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ReportRun.objects.select_related("created_by"), pk=pk)
    return render(request, "reports/run_detail.html", {"run": run})


@requires(Capability.VIEW_REPORTS)
@require_POST
def run_again(request: HttpRequest, pk: int) -> HttpResponse:
    """A new run of the same report and period (with the orientation as edited on the page)."""
    run = get_object_or_404(ReportRun, pk=pk)
    again = ReportRun.objects.create(
        kind=run.kind,
        period_start=run.period_start,
        period_end=run.period_end,
        parameters={k: v for k, v in run.parameters.items() if k != "frequency"},
        orientation=request.POST.get("orientation", run.orientation)[:20000],
        created_by=request.user if request.user.is_authenticated else None,
    )
    enqueue_run(again)
    messages.success(request, _("The report is being generated again."))
    return redirect("reports:run_detail", again.pk)


@requires(Capability.VIEW_REPORTS)
def run_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    run = get_object_or_404(ReportRun, pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    field = run.docx if fmt == "docx" else run.xlsx
    if not field:
        raise Http404
    name = (field.name or "").rsplit("/", 1)[-1]
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
    )


urlpatterns: list[URLPattern] = [
    path("", run_list, name="run_list"),
    path("new/", run_new, name="run_new"),
    path("<int:pk>/", run_detail, name="run_detail"),
    path("<int:pk>/row/", run_row, name="run_row"),
    path("<int:pk>/status/", run_status, name="run_status"),
    path("<int:pk>/again/", run_again, name="run_again"),
    path("<int:pk>/download/<str:fmt>/", run_download, name="run_download"),
]
