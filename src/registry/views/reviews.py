"""Pages of the semiannual review of resident reporters (plan task 7)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.access import Capability, is_allowed, requires
from core.htmx import paginate, query_without_page
from core.text import fold_diacritics
from registry import reviews
from registry.choices import ReviewStatus
from registry.models import ReporterEvaluation, ReviewCycle


class ReviewCycleForm(forms.ModelForm[ReviewCycle]):
    class Meta:
        model = ReviewCycle
        fields = ["title", "period_start", "period_end"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end date is before the start date."))
        return cleaned


class EvaluationForm(forms.ModelForm[ReporterEvaluation]):
    class Meta:
        model = ReporterEvaluation
        fields = ["activity", "violations", "outcome", "note"]
        widgets = {
            "activity": forms.Textarea(attrs={"rows": 3}),
            "violations": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


@requires(Capability.VIEW_REGISTRY)
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = ReviewCycle.objects.annotate(
        evaluated=Count("evaluations"),
        missing=Count("evaluations", filter=Q(evaluations__outcome="")),
    ).order_by("-period_end", "-pk")
    context = {
        "page": paginate(request, cycles),
        "query": query_without_page(request),
        "can_edit": is_allowed(request.user, Capability.MANAGE_REGISTRY),
    }
    return render(request, "registry/reviews/cycle_list.html", context)


@requires(Capability.MANAGE_REGISTRY)
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = ReviewCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cycle = reviews.open_cycle(data["title"], data["period_start"], data["period_end"])
        messages.success(
            request,
            _("Review opened. Resident reporters to evaluate: %(count)d.")
            % {"count": cycle.evaluations.count()},
        )
        return redirect(cycle)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/reviews/cycle_form.html", {"form": form}, status=status)


@requires(Capability.VIEW_REGISTRY)
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    evaluations = sorted(
        cycle.evaluations.select_related("reporter", "reporter__agency"),
        key=lambda e: (fold_diacritics(e.reporter.full_name), e.reporter.full_name),
    )
    can_manage = is_allowed(request.user, Capability.MANAGE_REGISTRY)
    context: dict[str, Any] = {
        "cycle": cycle,
        "evaluations": evaluations,
        "missing": reviews.missing_outcomes(cycle),
        "can_manage": can_manage,
        "can_edit": can_manage and cycle.status == ReviewStatus.OPEN,
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = cycle.changes()[:50]
    return render(request, "registry/reviews/cycle_detail.html", context)


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted


@requires(Capability.MANAGE_REGISTRY)
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One evaluation's form: a page of its own, or (HTMX) a table row edited in place."""
    evaluation = get_object_or_404(
        ReporterEvaluation.objects.select_related("cycle", "reporter", "reporter__agency"), pk=pk
    )
    cycle = evaluation.cycle
    if not reviews.can_edit(evaluation):
        messages.error(request, _("This review is closed; reopen it to change an evaluation."))
        url = cycle.get_absolute_url()
        return HttpResponseClientRedirect(url) if _is_htmx(request) else redirect(url)
    form = EvaluationForm(request.POST or None, instance=evaluation)
    context = {"form": form, "evaluation": evaluation, "cycle": cycle, "can_edit": True}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        if _is_htmx(request):
            return render(request, "registry/reviews/_evaluation_row.html", context)
        messages.success(
            request, _("Evaluation of %(name)s saved.") % {"name": evaluation.reporter}
        )
        return redirect(f"{cycle.get_absolute_url()}#evaluation-{evaluation.pk}")
    if _is_htmx(request):  # errors are shown in the row, so the answer is 200 for HTMX to swap
        return render(request, "registry/reviews/_evaluation_edit_row.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/reviews/evaluation_form.html", context, status=status)


def _step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    today = timezone.localdate()
    try:
        if action == "close":
            reviews.close_cycle(cycle, today)
            messages.success(request, _("The review is closed."))
        elif action == "reopen":
            reviews.reopen_cycle(cycle)
            messages.success(request, _("The review is open again."))
        else:
            reviews.publish_cycle(cycle, today)
            messages.success(request, _("The review is published on the public pages."))
    except reviews.ReviewError as error:
        messages.error(request, str(error))
    return redirect(cycle)


@requires(Capability.MANAGE_REGISTRY)
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@requires(Capability.MANAGE_REGISTRY)
@require_POST
def cycle_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "reopen")


@requires(Capability.MANAGE_REGISTRY)
@require_POST
def cycle_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "publish")


urlpatterns: list[URLPattern] = [
    path("reviews/", cycle_list, name="reviewcycle_list"),
    path("reviews/new/", cycle_create, name="reviewcycle_create"),
    path("reviews/<int:pk>/", cycle_detail, name="reviewcycle_detail"),
    path("reviews/<int:pk>/close/", cycle_close, name="reviewcycle_close"),
    path("reviews/<int:pk>/reopen/", cycle_reopen, name="reviewcycle_reopen"),
    path("reviews/<int:pk>/publish/", cycle_publish, name="reviewcycle_publish"),
    path("reviews/evaluations/<int:pk>/edit/", evaluation_edit, name="evaluation_edit"),
]
