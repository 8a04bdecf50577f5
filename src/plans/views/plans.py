"""Plan pages: list, import with preview, detail with the completion dashboard, settings,
unmatched unit names and task pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import Capability, is_allowed, is_office, requires, visible
from plans import progress, services, uploads
from plans.choices import UnitRole
from plans.forms import PlanSettingsForm, PlanUploadForm, ResolveNameForm
from plans.importing import PlanImportError, build_preview, import_plan
from plans.models import Plan, PlanTask, ProgressReport, TaskPeriod, TaskUnit, UnmatchedUnitName
from plans.parsing import PlanParseError


@requires(Capability.VIEW_PLANS)
def home(request: HttpRequest) -> HttpResponse:
    """Office staff land on the plans; unit users on their own due periods."""
    if is_office(request.user):
        return redirect("plans:plan_list")
    return redirect("plans:period_list")


@requires(Capability.VIEW_PLANS)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible(Plan.objects.all(), request.user).annotate(
        task_count=Count("tasks", distinct=True),
        open_names=Count(
            "unmatched_names",
            filter=Q(unmatched_names__resolved_unit__isnull=True, unmatched_names__ignored=False),
            distinct=True,
        ),
    )
    context = {"plans": plans, "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS)}
    return render(request, "plans/plan_list.html", context)


@requires(Capability.VIEW_PLANS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(visible(Plan.objects.all(), request.user), pk=pk)
    today = timezone.localdate()
    tasks = visible(plan.tasks.all(), request.user).prefetch_related(
        Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit", "named_unit"))
    )
    periods = visible(TaskPeriod.objects.filter(task__plan=plan), request.user)
    context: dict[str, Any] = {
        "plan": plan,
        "tasks": tasks,
        "by_task": progress.by_task(periods, today),
        "by_unit": progress.by_unit(periods, today),
        "duties": plan.reporting_duties.all(),
        "open_names": plan.unmatched_names.filter(resolved_unit__isnull=True, ignored=False),
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
        "office": is_office(request.user),
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = plan.changes()[:20]
    return render(request, "plans/plan_detail.html", context)


@requires(Capability.MANAGE_PLANS)
def plan_settings(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            created = services.sync_periods(saved)
        messages.success(request, _("Settings saved; %(n)s new periods.") % {"n": created})
        return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_settings.html", {"form": form, "plan": plan}, status=status)


@requires(Capability.MANAGE_PLANS)
def plan_import(request: HttpRequest) -> HttpResponse:
    """Upload a plan and see what the import would do (nothing is written yet)."""
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            parsed = uploads.parse_content(content, upload.name)
        except PlanParseError as error:
            form.add_error("file", error.reason)
        else:
            token = uploads.stage(content, upload.name)
            preview = build_preview(
                parsed, source_name=upload.name, sha256=token, today=timezone.localdate()
            )
            return render(request, "plans/plan_preview.html", {"preview": preview, "token": token})
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_import.html", {"form": form}, status=status)


@requires(Capability.MANAGE_PLANS)
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("plans:plan_import")
    token, name = request.POST.get("token", ""), request.POST.get("name", "")[:255]
    content = uploads.staged(token, name)
    if content is None:
        messages.error(request, _("The uploaded file is no longer available; upload it again."))
        return redirect("plans:plan_import")
    try:
        parsed = uploads.parse_content(content, name)
        preview = build_preview(parsed, source_name=name, sha256=token, today=timezone.localdate())
        result = import_plan(
            preview, user=request.user, content=content, replace=bool(request.POST.get("replace"))
        )
    except (PlanParseError, PlanImportError) as error:
        messages.error(request, str(error))
        return redirect("plans:plan_import")
    messages.success(
        request,
        _("Plan imported: %(tasks)s tasks, %(periods)s periods, %(names)s names to resolve.")
        % {"tasks": result.tasks, "periods": result.periods, "names": result.unmatched},
    )
    return redirect(result.plan)


@requires(Capability.MANAGE_PLANS)
def unmatched_names(request: HttpRequest, pk: int) -> HttpResponse:
    """Resolve (to a unit) or ignore the names the import could not match."""
    plan = get_object_or_404(Plan, pk=pk)
    if request.method == "POST":
        name = get_object_or_404(UnmatchedUnitName, plan=plan, pk=request.POST.get("name", "0"))
        if request.POST.get("action") == "ignore":
            services.ignore_name(name)
            messages.success(request, _("%(name)s is ignored.") % {"name": name})
        else:
            form = ResolveNameForm(request.POST)
            if form.is_valid():
                added = services.resolve_name(name, form.cleaned_data["unit"], timezone.localdate())
                messages.success(
                    request,
                    _("%(name)s resolved; added to %(n)s tasks.") % {"name": name, "n": added},
                )
            else:
                messages.error(request, _("Choose a unit."))
        return redirect("plans:unmatched_names", pk=plan.pk)
    context = {
        "plan": plan,
        "names": plan.unmatched_names.select_related("suggested_unit", "resolved_unit"),
        "form": ResolveNameForm(),
    }
    return render(request, "plans/unmatched_names.html", context)


@requires(Capability.VIEW_PLANS)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(
        visible(PlanTask.objects.select_related("plan", "parent"), request.user), pk=pk
    )
    links = task.task_units.select_related("unit", "named_unit")
    periods = visible(task.periods.select_related("unit"), request.user)
    reports = visible(
        ProgressReport.objects.filter(period__task=task).select_related("period", "unit"),
        request.user,
    ).prefetch_related("attachments")
    context: dict[str, Any] = {
        "task": task,
        "plan": task.plan,
        "leads": [link for link in links if link.role == UnitRole.LEAD],
        "coordinating": [link for link in links if link.role == UnitRole.COORDINATING],
        "children": visible(task.children.all(), request.user),
        "periods": periods,
        "reports": reports[:50],
        "today": timezone.localdate(),
        "training": task.training_events.all()[:20] if is_office(request.user) else [],
    }
    return render(request, "plans/task_detail.html", context)


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("list/", plan_list, name="plan_list"),
    path("import/", plan_import, name="plan_import"),
    path("import/confirm/", plan_import_confirm, name="plan_import_confirm"),
    path("<int:pk>/", plan_detail, name="plan_detail"),
    path("<int:pk>/settings/", plan_settings, name="plan_settings"),
    path("<int:pk>/names/", unmatched_names, name="unmatched_names"),
    path("tasks/<int:pk>/", task_detail, name="task_detail"),
]
