"""Pages of the accounts app: sign-in, units, sectors and user accounts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import views as auth_views
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils import timezone

from accounts.forms import (
    OwnAccountForm,
    QueuedPasswordResetForm,
    SectorForm,
    UnitForm,
    UserCreateForm,
    UserForm,
)
from accounts.models import Jurisdiction, Sector, Unit, UnitKind, User
from core.access import Capability, Role, is_allowed, requires
from core.crud import edit_object
from core.htmx import paginate, query_without_page, render_page

# --- Sign-in and passwords (Django's views, with our forms, templates and capabilities) ----------
logout = requires(Capability.PUBLIC)(auth_views.LogoutView.as_view())
password_change = requires(Capability.SIGNED_IN)(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = requires(Capability.SIGNED_IN)(auth_views.PasswordChangeDoneView.as_view())
password_reset = requires(Capability.PUBLIC)(
    auth_views.PasswordResetView.as_view(
        form_class=QueuedPasswordResetForm, success_url=reverse_lazy("accounts:password_reset_done")
    )
)
password_reset_done = requires(Capability.PUBLIC)(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = requires(Capability.PUBLIC)(
    auth_views.PasswordResetConfirmView.as_view(
        success_url=reverse_lazy("accounts:password_reset_complete")
    )
)
password_reset_complete = requires(Capability.PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view()
)


@requires(Capability.SIGNED_IN)
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"account": request.user})


# --- Units --------------------------------------------------------------------------------------
def _filtered_units(request: HttpRequest) -> Any:
    units = Unit.objects.select_related("parent", "area")
    params = request.GET
    if params.get("q"):
        units = units.search(params["q"])
    if params.get("kind") in UnitKind.values:
        units = units.filter(kind=params["kind"])
    if params.get("verify"):
        units = units.filter(needs_verification=True)
    if params.get("period") != "all":
        units = units.valid_on(_day(params.get("on")))
    return units


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


@requires(Capability.VIEW_DIRECTORY)
def unit_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _filtered_units(request)),
        "kinds": UnitKind.choices,
        "values": request.GET,
        "query": query_without_page(request),
        "can_edit": is_allowed(request.user, Capability.MANAGE_UNITS),
    }
    return render_page(request, "accounts/unit_list.html", "accounts/_unit_table.html", context)


@requires(Capability.VIEW_DIRECTORY)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent", "area", "successor"), pk=pk)
    context: dict[str, Any] = {
        "unit": unit,
        "children": unit.children.all(),
        "predecessors": unit.predecessors.all(),
        "sectors": unit.sectors.all(),
        "can_edit": is_allowed(request.user, Capability.MANAGE_UNITS),
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = unit.changes()[:50]
    if is_allowed(request.user, Capability.MANAGE_USERS):
        context["members"] = unit.members.all()
    return render(request, "accounts/unit_detail.html", context)


@requires(Capability.MANAGE_UNITS)
def unit_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, UnitForm, None, template="accounts/unit_form.html")


@requires(Capability.MANAGE_UNITS)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    return edit_object(request, UnitForm, unit, template="accounts/unit_form.html")


# --- Sectors and jurisdictions ------------------------------------------------------------------
@requires(Capability.VIEW_DIRECTORY)
def sector_list(request: HttpRequest) -> HttpResponse:
    context = {
        "sectors": Sector.objects.select_related("responsible_unit"),
        "jurisdictions": Jurisdiction.objects.select_related(
            "province", "peoples_committee", "press_authority"
        ),
        "current": Jurisdiction.on(timezone.localdate()),
        "can_edit": is_allowed(request.user, Capability.MANAGE_UNITS),
    }
    return render(request, "accounts/sector_list.html", context)


@requires(Capability.MANAGE_UNITS)
def sector_edit(request: HttpRequest, code: str) -> HttpResponse:
    sector = get_object_or_404(Sector, code=code)
    return edit_object(request, SectorForm, sector, template="accounts/sector_form.html")


# --- User accounts --------------------------------------------------------------------------------
@requires(Capability.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.select_related("unit")
    params = request.GET
    if params.get("q"):
        text = params["q"].strip()
        users = users.filter(
            Q(username__icontains=text) | Q(full_name__icontains=text) | Q(email__icontains=text)
        )
    if params.get("role") in Role.values:
        users = users.filter(role=params["role"])
    if params.get("active") in {"0", "1"}:
        users = users.filter(is_active=params["active"] == "1")
    roles = dict(User.objects.values_list("role").annotate(n=Count("pk")).order_by())
    context = {
        "page": paginate(request, users),
        "roles": [(value, label, roles.get(value, 0)) for value, label in Role.choices],
        "values": params,
        "query": query_without_page(request),
    }
    return render_page(request, "accounts/user_list.html", "accounts/_user_table.html", context)


@requires(Capability.MANAGE_USERS)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User.objects.select_related("unit"), pk=pk)
    return render(
        request,
        "accounts/user_detail.html",
        {"account": account, "changes": account.changes()[:50]},
    )


@requires(Capability.MANAGE_USERS)
def user_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, UserCreateForm, None, template="accounts/user_form.html")


@requires(Capability.MANAGE_USERS)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    form = OwnAccountForm if account.pk == request.user.pk else UserForm
    return edit_object(request, form, account, template="accounts/user_form.html")
