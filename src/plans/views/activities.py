"""Training events, inspections and press orders (with article matches to confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, is_allowed, requires, visible
from core.crud import edit_object
from plans import orders, training
from plans.forms import InspectionForm, PressOrderForm, TrainingEventForm
from plans.models import Inspection, PressOrder, PressOrderMatch, TrainingEvent


def _changes(request: HttpRequest, record: Any) -> dict[str, Any]:
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        return {"changes": record.changes()[:20]}
    return {}


# --- training -------------------------------------------------------------------------------------
@requires(Capability.VIEW_PLANS)
def training_list(request: HttpRequest) -> HttpResponse:
    events = visible(TrainingEvent.objects.select_related("organiser", "task"), request.user)
    today = timezone.localdate()
    context = {
        "events": events[:200],
        "targets": training.training_targets(today),
        "unmet": training.unmet_targets(today),
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
    }
    return render(request, "plans/training_list.html", context)


@requires(Capability.VIEW_PLANS)
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(visible(TrainingEvent.objects.all(), request.user), pk=pk)
    context = {
        "event": event,
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
        **_changes(request, event),
    }
    return render(request, "plans/training_detail.html", context)


@requires(Capability.MANAGE_PLANS)
def training_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, TrainingEventForm, None, template="plans/training_form.html")


@requires(Capability.MANAGE_PLANS)
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(TrainingEvent, pk=pk)
    return edit_object(request, TrainingEventForm, event, template="plans/training_form.html")


# --- inspections ----------------------------------------------------------------------------------
@requires(Capability.VIEW_PLANS)
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible(
        Inspection.objects.select_related("press_agency", "general_site", "task"), request.user
    )
    context = {
        "inspections": inspections[:200],
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
    }
    return render(request, "plans/inspection_list.html", context)


@requires(Capability.VIEW_PLANS)
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(visible(Inspection.objects.all(), request.user), pk=pk)
    context = {
        "inspection": inspection,
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
        **_changes(request, inspection),
    }
    return render(request, "plans/inspection_detail.html", context)


@requires(Capability.MANAGE_PLANS)
def inspection_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, InspectionForm, None, template="plans/inspection_form.html")


@requires(Capability.MANAGE_PLANS)
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    return edit_object(request, InspectionForm, inspection, template="plans/inspection_form.html")


# --- press orders ---------------------------------------------------------------------------------
@requires(Capability.VIEW_PLANS)
def order_list(request: HttpRequest) -> HttpResponse:
    items = visible(PressOrder.objects.select_related("agency"), request.user)
    rows = [(order, orders.progress(order)) for order in items[:200]]
    context = {"rows": rows, "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS)}
    return render(request, "plans/order_list.html", context)


@requires(Capability.VIEW_PLANS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(
        visible(PressOrder.objects.select_related("agency", "task"), request.user), pk=pk
    )
    context = {
        "order": order,
        "progress": orders.progress(order),
        "matches": order.matches.select_related("article", "confirmed_by"),
        "sources": orders.agency_source_ids(order),
        "can_manage": is_allowed(request.user, Capability.MANAGE_PLANS),
        **_changes(request, order),
    }
    return render(request, "plans/order_detail.html", context)


@requires(Capability.MANAGE_PLANS)
def order_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, PressOrderForm, None, template="plans/order_form.html")


@requires(Capability.MANAGE_PLANS)
def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(PressOrder, pk=pk)
    return edit_object(request, PressOrderForm, order, template="plans/order_form.html")


@require_POST
@requires(Capability.MANAGE_PLANS)
def order_find(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(PressOrder, pk=pk)
    added = orders.find_matches(order)
    messages.success(request, _("%(n)s new matching articles.") % {"n": added})
    return redirect(order)


@require_POST
@requires(Capability.MANAGE_PLANS)
def match_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Confirm or reject a proposed article (htmx: answers with the updated row)."""
    if decision not in ("confirm", "reject"):
        raise Http404
    match = get_object_or_404(PressOrderMatch.objects.select_related("order", "article"), pk=pk)
    if decision == "confirm":
        orders.confirm(match, request.user)
    else:
        orders.reject(match, request.user)
    if getattr(request, "htmx", False):
        return render(request, "plans/_match_row.html", {"match": match, "can_manage": True})
    return redirect(match.order)


urlpatterns: list[URLPattern] = [
    path("training/", training_list, name="training_list"),
    path("training/new/", training_create, name="training_create"),
    path("training/<int:pk>/", training_detail, name="training_detail"),
    path("training/<int:pk>/edit/", training_edit, name="training_edit"),
    path("inspections/", inspection_list, name="inspection_list"),
    path("inspections/new/", inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", inspection_edit, name="inspection_edit"),
    path("orders/", order_list, name="order_list"),
    path("orders/new/", order_create, name="order_create"),
    path("orders/<int:pk>/", order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", order_edit, name="order_edit"),
    path("orders/<int:pk>/find/", order_find, name="order_find"),
    path("matches/<int:pk>/<str:decision>/", match_decide, name="match_decide"),
]
