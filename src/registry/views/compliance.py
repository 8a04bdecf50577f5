"""The compliance page: every finding of the registry checks, grouped by kind."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.functional import Promise

from core.access import Capability, requires
from registry.checks import WINDOWS, Finding, FindingKind, Severity, list_findings


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one kind, as the page lists them."""

    kind: FindingKind
    label: str | Promise
    findings: tuple[Finding, ...]

    @property
    def bad(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.BAD)

    @property
    def warn(self) -> int:
        return len(self.findings) - self.bad


def group_by_kind(findings: Sequence[Finding]) -> list[FindingGroup]:
    """Findings grouped by kind, in the order of :class:`FindingKind`; empty kinds left out."""
    groups = [
        FindingGroup(kind, kind.label, tuple(f for f in findings if f.kind == kind))
        for kind in FindingKind
    ]
    return [group for group in groups if group.findings]


def window_from(value: str | None) -> int:
    """The look-ahead window in days chosen on the page (30, 60 or 90; 90 if anything else)."""
    try:
        days = int(value or "")
    except ValueError:
        return WINDOWS[-1]
    return days if days in WINDOWS else WINDOWS[-1]


@requires(Capability.VIEW_REGISTRY)
def compliance(request: HttpRequest) -> HttpResponse:
    today: datetime.date = timezone.localdate()
    window = window_from(request.GET.get("window"))
    findings = list_findings(today, window)
    bad = sum(1 for f in findings if f.severity == Severity.BAD)
    context = {
        "today": today,
        "window": window,
        "windows": WINDOWS,
        "groups": group_by_kind(findings),
        "total": len(findings),
        "bad": bad,
        "warn": len(findings) - bad,
    }
    return render(request, "registry/compliance.html", context)


urlpatterns: list[URLPattern] = [
    path("compliance/", compliance, name="compliance"),
]
