"""Tracking pages: due periods (a unit's own, or all for the office), a period with its reports
and the report form, attachments."""

from __future__ import annotations

import calendar
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import Capability, is_allowed, is_office, requires, visible
from core.htmx import paginate, query_without_page, render_page
from plans import services
from plans.choices import PlanStatus, ProgressStatus
from plans.forms import ProgressReportForm
from plans.models import ProgressAttachment, TaskPeriod

WHEN = ("open", "month", "overdue", "reported", "all")


def _filtered(request: HttpRequest) -> QuerySet[TaskPeriod]:
    today = timezone.localdate()
    periods = visible(
        TaskPeriod.objects.select_related("task__plan", "unit").filter(
            task__plan__status=PlanStatus.ACTIVE
        ),
        request.user,
    )
    when = request.GET.get("when", "open")
    if when == "open":
        periods = periods.filter(reported_at__isnull=True)
    elif when == "month":
        last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        periods = periods.filter(reported_at__isnull=True, due__gte=today, due__lte=last)
    elif when == "overdue":
        periods = periods.filter(reported_at__isnull=True, due__lt=today)
    elif when == "reported":
        periods = periods.filter(reported_at__isnull=False)
    if request.GET.get("status") in ProgressStatus.values:
        periods = periods.filter(status=request.GET["status"])
    if request.GET.get("plan", "").isdigit():
        periods = periods.filter(task__plan_id=int(request.GET["plan"]))
    if request.GET.get("unit", "").isdigit() and is_office(request.user):
        periods = periods.filter(unit_id=int(request.GET["unit"]))
    return periods


@requires(Capability.VIEW_PLANS)
def period_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _filtered(request)),
        "values": request.GET,
        "when": request.GET.get("when", "open"),
        "whens": WHEN,
        "statuses": ProgressStatus.choices,
        "query": query_without_page(request),
        "today": timezone.localdate(),
        "office": is_office(request.user),
    }
    return render_page(request, "plans/period_list.html", "plans/_period_table.html", context)


def _may_report(request: HttpRequest, period: TaskPeriod) -> bool:
    if not is_allowed(request.user, Capability.REPORT_PROGRESS):
        return False
    return is_office(request.user) or getattr(request.user, "unit_id", None) == period.unit_id


@requires(Capability.VIEW_PLANS)
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(
        visible(TaskPeriod.objects.select_related("task__plan", "unit"), request.user), pk=pk
    )
    may_report = _may_report(request, period)
    form = ProgressReportForm()
    status = 200
    if request.method == "POST":
        if not may_report:
            raise Http404
        form = ProgressReportForm(request.POST, request.FILES)
        if form.is_valid():
            services.submit_report(
                period,
                user=request.user,
                status=form.cleaned_data["status"],
                text=form.cleaned_data["text"],
                files=form.cleaned_data["attachments"],
            )
            messages.success(request, _("Progress report submitted."))
            return redirect(period)
        status = 400
    context: dict[str, Any] = {
        "period": period,
        "task": period.task,
        "reports": period.reports.select_related("submitted_by").prefetch_related("attachments"),
        "form": form if may_report else None,
        "today": timezone.localdate(),
    }
    return render(request, "plans/period_detail.html", context, status=status)


@requires(Capability.VIEW_PLANS)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(visible(ProgressAttachment.objects.all(), request.user), pk=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=item.original_name or "file")


urlpatterns: list[URLPattern] = [
    path("periods/", period_list, name="period_list"),
    path("periods/<int:pk>/", period_detail, name="period_detail"),
    path("attachments/<int:pk>/", attachment, name="attachment"),
]
