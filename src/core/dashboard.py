"""Figures for the dashboard: every number is counted from the database and links to its list.

Apps above core contribute cards through :func:`register`; core knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from core.access import Capability, is_allowed


@dataclass(frozen=True, slots=True)
class Card:
    label: str | Promise
    value: int | str
    url: str | None = None
    note: str | Promise = ""
    tone: str = ""  # "", "warn" or "bad": how the value should be read


CardSource = Callable[[Any], list[Card]]
_SOURCES: list[tuple[int, Capability, CardSource]] = []


def register(capability: Capability, order: int = 100) -> Callable[[CardSource], CardSource]:
    """Register a function ``(user) -> [Card]`` shown to users holding ``capability``."""

    def add(source: CardSource) -> CardSource:
        _SOURCES.append((order, capability, source))
        _SOURCES.sort(key=lambda item: item[0])
        return source

    return add


def cards_for(user: Any) -> list[Card]:
    cards: list[Card] = []
    for _order, capability, source in _SOURCES:
        if is_allowed(user, capability):
            cards.extend(source(user))
    return cards


@register(Capability.VIEW_AUDIT, order=80)
def _changes_today(user: Any) -> list[Card]:
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext_lazy as _

    from core.models import ObjectChange

    today = timezone.localdate()
    count = ObjectChange.objects.filter(time__date=today).count()
    url = reverse("core:change_list") + f"?since={today.isoformat()}"
    return [Card(_("Changes recorded today"), count, url)]


@register(Capability.VIEW_OPERATIONS, order=90)
def _failed_jobs(user: Any) -> list[Card]:
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from core.models import Job, JobState

    failed = Job.objects.filter(state=JobState.FAILED).count()
    url = reverse("core:operations") + "?state=failed"
    return [Card(_("Failed background jobs"), failed, url, tone="bad" if failed else "")]
