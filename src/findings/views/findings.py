"""Findings: the list with counts and precision per detector, the detail page and the review."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, is_allowed, requires, visible
from core.htmx import paginate, query_without_page, render_page
from findings import services
from findings.choices import Detector, FindingStatus
from findings.forms import ReviewForm
from findings.models import Finding


def findings_for(request: HttpRequest) -> QuerySet[Finding]:
    return visible(Finding.objects.all(), request.user)


def _filtered(request: HttpRequest, findings: QuerySet[Finding]) -> QuerySet[Finding]:
    detector = request.GET.get("detector", "")
    if detector in Detector.values:
        findings = findings.filter(detector=detector)
    status = request.GET.get("status", "")
    if status in FindingStatus.values:
        findings = findings.filter(status=status)
    subject = request.GET.get("subject", "").strip()
    if subject:
        findings = findings.filter(subject_label__icontains=subject)
    return findings


@requires(Capability.VIEW_FINDINGS)
def finding_list(request: HttpRequest) -> HttpResponse:
    everything = findings_for(request)
    page = paginate(request, _filtered(request, everything).select_related("subject_source"))
    context = {
        "page": page,
        "stats": services.detector_stats(everything),
        "detectors": Detector.choices,
        "statuses": FindingStatus.choices,
        "values": request.GET,
        "query": query_without_page(request),
        "can_review": is_allowed(request.user, Capability.REVIEW_FINDINGS),
    }
    return render_page(
        request, "findings/finding_list.html", "findings/_finding_table.html", context
    )


def _detail_context(request: HttpRequest, finding: Finding) -> dict[str, object]:
    return {
        "finding": finding,
        "items": finding.finding_items.select_related("article__source").order_by(
            "article__published_at", "pk"
        ),
        "sanctions": finding.sanction_rows(),
        # a figure may be called "items": read them here, not as ``figures.items`` in the template
        "figure_rows": [
            (name, value) for name, value in finding.figures.items() if name != "item_reasons"
        ],
        "rule": finding.rule,
        "review_form": ReviewForm(),
        "can_review": is_allowed(request.user, Capability.REVIEW_FINDINGS),
        "can_open_article": is_allowed(request.user, Capability.VIEW_MONITORING),
        "can_open_case": is_allowed(request.user, Capability.MANAGE_CASES),
    }


@requires(Capability.VIEW_FINDINGS)
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(findings_for(request), pk=pk)
    return render(request, "findings/finding_detail.html", _detail_context(request, finding))


@requires(Capability.REVIEW_FINDINGS)
@require_POST
def finding_review(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(findings_for(request), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.review(
            finding, request.user, form.cleaned_data["decision"], form.cleaned_data["note"]
        )
        if form.cleaned_data["decision"] == FindingStatus.CONFIRMED:
            messages.success(request, _("Finding confirmed."))
        else:
            messages.success(request, _("Finding rejected."))
    else:
        messages.error(request, _("Choose confirm or reject."))
    if getattr(request, "htmx", None):
        return render(request, "findings/_review.html", _detail_context(request, finding))
    return redirect(finding)


urlpatterns: list[URLPattern] = [
    path("", finding_list, name="finding_list"),
    path("<int:pk>/", finding_detail, name="finding_detail"),
    path("<int:pk>/review/", finding_review, name="finding_review"),
]
