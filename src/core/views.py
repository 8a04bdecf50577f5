"""Core pages: dashboard, health, change log and operations."""

from __future__ import annotations

import datetime
import hmac
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import health, jobs
from core.access import Capability, is_allowed, requires
from core.htmx import paginate, query_without_page, render_page
from core.models import ChangeAction, Heartbeat, Job, JobState, ObjectChange


@requires(Capability.PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@requires(Capability.PUBLIC)
def health_view(request: HttpRequest) -> JsonResponse:
    """Machine-readable health: 200 when database, queue and scheduler are fine, else 503."""
    state = health.check_all()
    return JsonResponse(state.as_dict(), status=200 if state.ok else 503)


@requires(Capability.PUBLIC)  # checked here: a scraper's bearer token or an administrator
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics for ``PRESSWATCH_METRICS_TOKEN`` (Bearer) or a signed-in administrator."""
    from core import metrics

    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not (token and hmac.compare_digest(sent, token)) and not is_allowed(
        request.user, Capability.VIEW_OPERATIONS
    ):
        return HttpResponse("metrics need the token or an administrator\n", status=403)
    return HttpResponse(metrics.render(), content_type="text/plain; version=0.0.4; charset=utf-8")


@requires(Capability.SIGNED_IN)
def dashboard(request: HttpRequest) -> HttpResponse:
    from core import dashboard as figures

    context: dict[str, Any] = {"cards": figures.cards_for(request.user)}
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["recent_changes"] = ObjectChange.objects.select_related("content_type")[:8]
    if is_allowed(request.user, Capability.VIEW_OPERATIONS):
        context["health"] = health.check_all()
    return render(request, "core/dashboard.html", context)


def _filtered_changes(request: HttpRequest) -> tuple[Any, dict[str, Any]]:
    changes = ObjectChange.objects.select_related("content_type", "user")
    params = request.GET
    if params.get("action") in ChangeAction.values:
        changes = changes.filter(action=params["action"])
    if params.get("type", "").isdigit():
        changes = changes.filter(content_type_id=int(params["type"]))
    if params.get("user"):
        changes = changes.filter(user_name__icontains=params["user"].strip())
    if params.get("object"):
        changes = changes.filter(object_repr__icontains=params["object"].strip())
    for name, lookup in (("since", "time__date__gte"), ("until", "time__date__lte")):
        try:
            day = datetime.date.fromisoformat(params.get(name, ""))
        except ValueError:
            continue
        changes = changes.filter(**{lookup: day})
    used_types = ObjectChange.objects.values_list("content_type", flat=True).distinct()
    filters = {
        "actions": ChangeAction.choices,
        "types": ContentType.objects.filter(pk__in=used_types).order_by("model"),
        "values": params,
    }
    return changes, filters


@requires(Capability.VIEW_AUDIT)
def change_list(request: HttpRequest) -> HttpResponse:
    changes, filters = _filtered_changes(request)
    context = {
        "page": paginate(request, changes),
        "filters": filters,
        "query": query_without_page(request),
    }
    return render_page(request, "core/change_list.html", "core/_change_table.html", context)


@requires(Capability.VIEW_AUDIT)
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(ObjectChange.objects.select_related("content_type", "user"), pk=pk)
    related = ObjectChange.objects.filter(request_id=change.request_id).exclude(pk=change.pk)
    return render(request, "core/change_detail.html", {"change": change, "related": related[:20]})


@requires(Capability.VIEW_OPERATIONS)
def operations(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    job_list = Job.objects.all()
    if state in JobState.values:
        job_list = job_list.filter(state=state)
    counts = dict(Job.objects.values_list("state").annotate(n=Count("pk")).order_by())
    context = {
        "health": health.check_all(),
        "heartbeats": Heartbeat.objects.order_by("name"),
        "page": paginate(request, job_list),
        "states": [(s.value, s.label, counts.get(s.value, 0)) for s in JobState],
        "state": state,
        "query": query_without_page(request),
        "now": timezone.now(),
    }
    return render_page(request, "core/operations.html", "core/_job_table.html", context)


@require_POST
@requires(Capability.VIEW_OPERATIONS)
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a failed job a new round of attempts."""
    job = get_object_or_404(Job, pk=pk)
    if job.state != JobState.FAILED:
        messages.warning(request, _("Only failed jobs can be retried."))
    else:
        jobs.retry_failed(job.pk)
        messages.success(request, _("Job %(id)s was queued again.") % {"id": job.pk})
    return redirect("core:operations")
