"""The register of claims verified false: list, create, edit, deactivate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Capability, requires
from core.htmx import paginate, query_without_page, render_page
from findings import services
from findings.choices import Detector
from findings.forms import FalseClaimForm
from findings.models import FalseClaim, Finding


@requires(Capability.REVIEW_FINDINGS)
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = FalseClaim.objects.all()
    if request.GET.get("active") == "1":
        claims = claims.filter(active=True)
    page = paginate(request, claims)
    counts: dict[int, int] = {}
    for finding in Finding.objects.filter(detector=Detector.CLAIMS).values_list(
        "figures", flat=True
    ):
        claim_id = finding.get("claim_id") if isinstance(finding, dict) else None
        if isinstance(claim_id, int):
            counts[claim_id] = counts.get(claim_id, 0) + 1
    for claim in page:
        claim.finding_count = counts.get(claim.pk, 0)
    context = {"page": page, "values": request.GET, "query": query_without_page(request)}
    return render_page(request, "findings/claim_list.html", "findings/_claim_table.html", context)


@requires(Capability.REVIEW_FINDINGS)
def claim_create(request: HttpRequest) -> HttpResponse:
    form = FalseClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_claim(form.save(commit=False))
        messages.success(request, _("Claim added; recent articles are being compared with it."))
        return redirect("findings:claim_list")
    return render(request, "findings/claim_form.html", {"form": form, "claim": None})


@requires(Capability.REVIEW_FINDINGS)
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(FalseClaim, pk=pk)
    form = FalseClaimForm(request.POST or None, instance=claim)
    if request.method == "POST" and form.is_valid():
        services.save_claim(form.save(commit=False))
        messages.success(request, _("Claim saved."))
        return redirect("findings:claim_list")
    return render(request, "findings/claim_form.html", {"form": form, "claim": claim})


@requires(Capability.REVIEW_FINDINGS)
@require_POST
def claim_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(FalseClaim, pk=pk)
    claim.active = False
    claim.save()
    messages.success(request, _("Claim deactivated: new articles are no longer compared with it."))
    return redirect("findings:claim_list")


urlpatterns: list[URLPattern] = [
    path("claims/", claim_list, name="claim_list"),
    path("claims/new/", claim_create, name="claim_create"),
    path("claims/<int:pk>/", claim_edit, name="claim_edit"),
    path("claims/<int:pk>/deactivate/", claim_deactivate, name="claim_deactivate"),
]
