"""Sanction proposal (officer), decision (leader) and publication of the result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from cases import publishing, sanctions, workflow
from cases.choices import CaseState, SanctionStatus
from cases.forms import DecisionForm, ProposalForm, PublishForm
from cases.views.common import scoped_case
from core.access import Capability, requires
from registry.models import SanctionRule


def _refused(error: workflow.TransitionError) -> None:
    if isinstance(error, workflow.TransitionNotAllowedError):
        raise PermissionDenied(str(error)) from error


@requires(Capability.MANAGE_CASES)
def sanction_propose(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    if case.state != CaseState.RESPONDED:
        messages.error(request, _("A sanction is proposed once the units have answered."))
        return redirect(case)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = sanctions.Proposal(
            rule=data["rule"],
            violator_type=data["violator_type"],
            amount=data["amount"],
            violator_name=data["violator_name"] or case.subject_name,
            override_confirmed=data["override_confirmed"],
            override_reason=data["override_reason"],
            comment=data["comment"],
        )
        try:
            sanctions.propose(case, request.user, proposal)
        except sanctions.SanctionError as error:
            form.add_error(None, str(error))
        except workflow.TransitionError as error:
            _refused(error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Sanction proposed; it waits for the leader."))
            return redirect(case)
    context = {"case": case, "form": form, "rules": SanctionRule.objects.all()}
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/sanction_form.html", context, status=status)


@requires(Capability.DECIDE_CASES)
def sanction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    proposal = case.sanctions.filter(status=SanctionStatus.PROPOSED).select_related("rule").last()
    if proposal is None:
        messages.error(request, _("No sanction is waiting for a decision."))
        return redirect(case)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.APPROVE:
                sanctions.approve(
                    proposal,
                    request.user,
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    comment=data["comment"],
                )
            else:
                sanctions.return_proposal(proposal, request.user, data["comment"])
        except sanctions.SanctionError as error:
            form.add_error(None, str(error))
        except workflow.TransitionError as error:
            _refused(error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(case)
    context = {"case": case, "form": form, "proposal": proposal}
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/sanction_decide.html", context, status=status)


@requires(Capability.DECIDE_CASES)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    form = PublishForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publication = publishing.publish(
                case,
                request.user,
                data["fields_chosen"],
                mask=data["mask"],
                comment=data["comment"],
            )
        except publishing.PublicationError as error:
            form.add_error(None, str(error))
        except workflow.TransitionError as error:
            _refused(error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The result is on the public page."))
            return redirect(publication)
    else:
        preview = publishing.preview(case, publishing.DEFAULT_FIELDS)
    context = {
        "case": case,
        "form": form,
        "preview": preview,
        "labels": publishing.PUBLIC_FIELDS,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/publish_form.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("<int:pk>/sanction/", sanction_propose, name="sanction_propose"),
    path("<int:pk>/sanction/decide/", sanction_decide, name="sanction_decide"),
    path("<int:pk>/publish/", publish, name="publish"),
]
