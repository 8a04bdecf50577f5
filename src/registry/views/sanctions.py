"""The sanctions reference table (read-only): fines by violation, with their confidence."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from core.access import Capability, requires
from core.text import fold_diacritics
from registry.models import SanctionRule
from registry.models.sanctions import SanctionConfidence, ViolatorType


def vnd(amount: int | None) -> str:
    """12000000 → "12.000.000" (Vietnamese digit grouping); "" for None."""
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def fine_text(fine: tuple[int | None, int | None]) -> str:
    low, high = fine
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return vnd(low)
    if low is None:
        return vnd(high)
    return f"{vnd(low)} – {vnd(high)}"


@dataclass(frozen=True, slots=True)
class SanctionRow:
    rule: SanctionRule
    organisation: str
    individual: str


def rows_for(rules: QuerySet[SanctionRule], query: str) -> list[SanctionRow]:
    """The rules matching ``query`` (accent-insensitive) with their fines per violator type."""
    needle = fold_diacritics(query.strip())
    found = []
    for rule in rules:
        text = fold_diacritics(
            f"{rule.code} {rule.citation} {rule.violation} {rule.violation_vi} {rule.note}"
        )
        if needle and needle not in text:
            continue
        found.append(
            SanctionRow(
                rule,
                fine_text(rule.fine_range_for(ViolatorType.ORGANISATION)),
                fine_text(rule.fine_range_for(ViolatorType.INDIVIDUAL)),
            )
        )
    return found


@requires(Capability.VIEW_REGISTRY)
def sanctions(request: HttpRequest) -> HttpResponse:
    versions = list(
        SanctionRule.objects.order_by("-version").values_list("version", flat=True).distinct()
    )
    version = request.GET.get("version") or (versions[0] if versions else "")
    if version not in versions:
        version = versions[0] if versions else ""
    confidence = request.GET.get("confidence", "")
    rules = SanctionRule.objects.filter(version=version)
    if confidence in SanctionConfidence.values:
        rules = rules.filter(confidence=confidence)
    else:
        confidence = ""
    query = request.GET.get("q", "")
    context = {
        "rows": rows_for(rules, query),
        "versions": versions,
        "version": version,
        "confidences": SanctionConfidence.choices,
        "values": {"q": query, "confidence": confidence},
    }
    return render(request, "registry/sanctions.html", context)


urlpatterns: list[URLPattern] = [
    path("sanctions/", sanctions, name="sanctions"),
]
