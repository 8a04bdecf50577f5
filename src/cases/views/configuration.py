"""Configuration pages of the office: deadline rules and the letters' numbering registers."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from cases import deadlines
from cases.forms import DeadlineRuleForm, RegisterForm
from cases.models import DeadlineRule, Letter, LetterRegister
from core.access import Capability, is_allowed, requires
from core.context import acting


@requires(Capability.MANAGE_CASES)
def deadline_rules(request: HttpRequest) -> HttpResponse:
    rules = [
        (
            rule,
            deadlines.BASIS_NOTES.get(rule.code, ""),
            deadlines.LEGAL_MAXIMUM_DAYS.get(rule.code),
        )
        for rule in DeadlineRule.objects.all()
    ]
    return render(request, "cases/deadline_rules.html", {"rules": rules})


@requires(Capability.MANAGE_CASES)
def deadline_rule_edit(request: HttpRequest, rule_pk: int) -> HttpResponse:
    rule = get_object_or_404(DeadlineRule, pk=rule_pk)
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        with acting(user=request.user, comment=form.cleaned_data["comment"] or "deadline rule"):
            form.save()
        messages.success(request, _("Deadline rule saved; it applies to new assignments."))
        return redirect("cases:deadline_rules")
    context = {
        "rule": rule,
        "form": form,
        "note": deadlines.BASIS_NOTES.get(rule.code, ""),
        "changes": rule.changes()[:30] if is_allowed(request.user, Capability.VIEW_AUDIT) else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/deadline_rule_form.html", context, status=status)


def _highest_issued(register: LetterRegister) -> int:
    found = Letter.objects.filter(register_year=register.year, symbol=register.symbol).aggregate(
        top=Max("serial")
    )["top"]
    return int(found or 0)


@requires(Capability.MANAGE_CASES)
def registers(request: HttpRequest) -> HttpResponse:
    rows = [(r, _highest_issued(r)) for r in LetterRegister.objects.all()]
    return render(request, "cases/registers.html", {"rows": rows})


@requires(Capability.MANAGE_CASES)
def register_edit(request: HttpRequest, register_pk: int) -> HttpResponse:
    register = get_object_or_404(LetterRegister, pk=register_pk)
    highest = _highest_issued(register)
    form = RegisterForm(request.POST or None, instance=register, highest_issued=highest)
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["last_number"]
        with (
            transaction.atomic(),
            acting(user=request.user, comment=form.cleaned_data["comment"] or "register"),
        ):
            locked = LetterRegister.objects.select_for_update().get(pk=register.pk)
            highest = _highest_issued(locked)  # a letter may have been issued meanwhile
            if value >= highest:
                locked.last_number = value
                locked.save()
        if value >= highest:
            messages.success(request, _("Register saved."))
            return redirect("cases:registers")
        form.add_error("last_number", _("A letter took a higher number meanwhile."))
    context = {
        "register": register,
        "form": form,
        "highest": highest,
        "changes": register.changes()[:30]
        if is_allowed(request.user, Capability.VIEW_AUDIT)
        else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/register_form.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("deadline-rules/", deadline_rules, name="deadline_rules"),
    path("deadline-rules/<int:rule_pk>/", deadline_rule_edit, name="deadline_rule_edit"),
    path("registers/", registers, name="registers"),
    path("registers/<int:register_pk>/", register_edit, name="register_edit"),
]
