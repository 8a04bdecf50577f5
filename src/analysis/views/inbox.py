"""The alert inbox: a person's own alerts, with acknowledge, assign, mute and bulk acknowledge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis import explain, services
from analysis.choices import AlertState
from analysis.forms import AssignForm, MuteForm
from analysis.models import Alert
from core.access import Capability, is_allowed, requires
from core.htmx import paginate, query_without_page, render_page


def _own(request: HttpRequest, pk: int) -> Alert:
    """The alert if it is the user's own (or assigned to them), else 404."""
    return get_object_or_404(services.inbox(request.user), pk=pk)


@requires(Capability.RECEIVE_ALERTS)
def inbox(request: HttpRequest) -> HttpResponse:
    alerts = services.inbox(request.user)
    state = request.GET.get("state", "")
    if state in AlertState.values:
        alerts = alerts.filter(state=state)
    else:  # copies and other reports of a story show under the story's first alert
        alerts = alerts.filter(grouped_into__isnull=True)
    page = paginate(request, alerts)
    for alert in page:
        alert.explanation_text = explain.render(alert.explanation)
    context = {
        "page": page,
        "states": AlertState.choices,
        "values": request.GET,
        "query": query_without_page(request),
        "unread": services.inbox(request.user).filter(state=AlertState.NEW).count(),
    }
    return render_page(request, "analysis/inbox.html", "analysis/_alert_table.html", context)


@requires(Capability.RECEIVE_ALERTS)
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _own(request, pk)
    context = {
        "alert": alert,
        "explanation": explain.render(alert.explanation),
        "assign_form": AssignForm(user=request.user),
        "mute_form": MuteForm(),
        "can_open_article": is_allowed(request.user, Capability.VIEW_MONITORING),
        "grouped": alert.grouped.select_related("article__source"),
    }
    return render(request, "analysis/alert_detail.html", context)


@requires(Capability.RECEIVE_ALERTS)
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _own(request, pk)
    services.acknowledge(Alert.objects.filter(pk=alert.pk))
    messages.success(request, _("Alert acknowledged."))
    return redirect("analysis:inbox")


@requires(Capability.RECEIVE_ALERTS)
@require_POST
def alert_assign(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _own(request, pk)
    form = AssignForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a person who can receive alerts."))
        return redirect(alert)
    services.assign(alert, form.cleaned_data["assignee"])
    messages.success(
        request, _("Alert assigned to %(name)s.") % {"name": form.cleaned_data["assignee"]}
    )
    return redirect(alert)


@requires(Capability.RECEIVE_ALERTS)
@require_POST
def alert_mute(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _own(request, pk)
    form = MuteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of hours from 1 to 720."))
        return redirect(alert)
    hours = form.cleaned_data["hours"]
    services.mute(alert, request.user, hours)  # type: ignore[arg-type]
    messages.success(
        request,
        _("You will get no alert from “%(rule)s” for %(hours)s hours.")
        % {"rule": alert.rule, "hours": hours},
    )
    return redirect("analysis:inbox")


@requires(Capability.RECEIVE_ALERTS)
@require_POST
def inbox_acknowledge(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("alert") if i.isdigit()]
    count = services.acknowledge(services.inbox(request.user).filter(pk__in=ids))
    messages.success(request, _("%(count)s alerts acknowledged.") % {"count": count})
    return redirect("analysis:inbox")


urlpatterns: list[URLPattern] = [
    path("inbox/", inbox, name="inbox"),
    path("inbox/acknowledge/", inbox_acknowledge, name="inbox_acknowledge"),
    path("alerts/<int:pk>/", alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/acknowledge/", alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:pk>/assign/", alert_assign, name="alert_assign"),
    path("alerts/<int:pk>/mute/", alert_mute, name="alert_mute"),
]
