"""Alert rules (who is alerted, how and how often) and locality routes."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from accounts.models import Sector
from analysis.forms import AlertRuleForm
from analysis.models import AlertDelivery, AlertRule, LocalityRoute
from core.access import Capability, requires


@requires(Capability.MANAGE_ANALYSIS)
def rule_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rules": AlertRule.objects.select_related("topic").prefetch_related("users", "units"),
        "sectors": Sector.objects.select_related("responsible_unit"),
        "routes": LocalityRoute.objects.select_related("unit"),
        "failed": AlertDelivery.objects.filter(state="failed").select_related("rule")[:20],
    }
    return render(request, "analysis/rule_list.html", context)


def _edit(request: HttpRequest, rule: AlertRule | None) -> HttpResponse:
    form = AlertRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, _("Alert rule “%(name)s” saved.") % {"name": saved.name})
        return redirect("analysis:rule_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "analysis/rule_form.html", {"form": form, "object": rule}, status=status)


@requires(Capability.MANAGE_ANALYSIS)
def rule_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@requires(Capability.MANAGE_ANALYSIS)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(AlertRule, pk=pk))


urlpatterns: list[URLPattern] = [
    path("rules/", rule_list, name="rule_list"),
    path("rules/new/", rule_create, name="rule_create"),
    path("rules/<int:pk>/", rule_edit, name="rule_edit"),
]
