"""Dashboard card of the findings app: findings awaiting an officer's review."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import Capability, visible
from core.dashboard import Card, register
from findings.choices import FindingStatus
from findings.models import Finding


@register(Capability.REVIEW_FINDINGS, order=40)
def review_cards(user: Any) -> list[Card]:
    waiting = visible(Finding.objects.filter(status=FindingStatus.PROPOSED), user).count()
    url = reverse("findings:finding_list") + "?status=proposed"
    return [Card(_("Findings awaiting review"), waiting, url, tone="warn" if waiting else "")]
