"""Dashboard card of the registry: the compliance findings of the next 90 days."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import Capability
from core.dashboard import Card, register
from registry.checks import WINDOWS, Severity, list_findings


@register(Capability.VIEW_REGISTRY, order=30)
def compliance_cards(user: Any) -> list[Card]:
    window = WINDOWS[-1]
    findings = list_findings(timezone.localdate(), window)
    bad = sum(1 for f in findings if f.severity == Severity.BAD)
    warn = len(findings) - bad
    note = _("%(bad)s expired or violations, %(warn)s expiring or suspicious") % {
        "bad": bad,
        "warn": warn,
    }
    tone = "bad" if bad else "warn" if warn else ""
    url = f"{reverse('registry:compliance')}?window={window}"
    return [Card(gettext_lazy("Compliance findings"), len(findings), url, note, tone)]
