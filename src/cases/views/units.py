"""Routing a case to units and the units' answers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from cases import deadlines, evidence_store, services, workflow
from cases.choices import AssignmentState, CaseState
from cases.forms import AnswerForm, AssignForm
from cases.views.common import own_assignment, scoped_case
from core.access import Capability, requires

ASSIGNABLE = (
    CaseState.RECEIVED,
    CaseState.TRIAGED,
    CaseState.ASSIGNED,
    CaseState.VERIFYING,
    CaseState.RESPONDED,
)


@requires(Capability.MANAGE_CASES)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    form = AssignForm(request.POST or None)
    if case.state not in ASSIGNABLE:
        messages.error(request, _("A case in this state cannot be assigned."))
        return redirect(case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.assign(
                case,
                request.user,
                data["units"],
                due_date=data["due_date"],
                instructions=data["instructions"],
                comment=data["comment"],
            )
        except workflow.TransitionError as error:
            messages.error(request, _("The step was not taken: %(reason)s") % {"reason": error})
            return redirect(case)
        messages.success(request, _("Assigned to %(count)s unit(s).") % {"count": len(created)})
        return redirect(case)
    rule = deadlines.rule_for(case)
    context = {"case": case, "form": form, "rule": rule}
    return render(request, "cases/assign.html", context, status=400 if request.POST else 200)


@requires(Capability.RESPOND_CASES)
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    assignment = own_assignment(request, case)
    if assignment.state not in (AssignmentState.PENDING, AssignmentState.VERIFYING):
        messages.info(request, _("Your unit has already answered this case."))
        return redirect(case)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = services.Answer(
            verification_result=data["verification_result"],
            response_text=data["response_text"],
            response_published=data["response_published"],
            response_url=data["response_url"],
            correction_requested=data["correction_requested"],
            removal_requested=data["removal_requested"],
        )
        try:
            services.respond(assignment, request.user, answer)
        except workflow.TransitionNotAllowedError as error:
            raise PermissionDenied(str(error)) from error
        if data["attachment"] is not None:
            evidence_store.attach_upload(
                case, request.user, data["attachment"], assignment=assignment
            )
        messages.success(request, _("Your answer was recorded."))
        return redirect(case)
    context = {"case": case, "assignment": assignment, "form": form}
    return render(request, "cases/respond.html", context, status=400 if request.POST else 200)


@requires(Capability.RESPOND_CASES)
def start_verifying(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    assignment = own_assignment(request, case)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.start_verifying(assignment, request.user)
    except workflow.TransitionNotAllowedError as error:
        raise PermissionDenied(str(error)) from error
    return redirect(case)


@requires(Capability.MANAGE_CASES)
def withdraw(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    assignment = get_object_or_404(case.assignments, pk=assignment_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = request.POST.get("comment", "").strip()
    if not comment:
        messages.error(request, _("Say why the assignment is withdrawn."))
        return redirect(case)
    services.withdraw(assignment, request.user, comment)
    return redirect(case)


urlpatterns: list[URLPattern] = [
    path("<int:pk>/assign/", assign, name="assign"),
    path("<int:pk>/respond/", respond, name="respond"),
    path("<int:pk>/verifying/", start_verifying, name="start_verifying"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/withdraw/", withdraw, name="assignment_withdraw"
    ),
]
