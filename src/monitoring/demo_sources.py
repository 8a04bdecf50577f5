"""Register the simulated news ecosystem's outlets as sources (make demo)."""

from __future__ import annotations

from typing import Any

from django.db import models

from monitoring.models import Source
from registry.models import GeneralSite, PressAgency, SocialAccount, StateChannel

DEMO_POLL_MINUTES = 1  # the demo publishes every few minutes: poll often


def _registry_link(hint: Any) -> dict[str, models.Model | None]:
    links: dict[str, models.Model | None] = {
        "press_agency": None,
        "general_site": None,
        "social_account": None,
        "state_channel": None,
    }
    if not isinstance(hint, dict):
        return links
    if "press_agency" in hint:
        links["press_agency"] = PressAgency.objects.filter(name=hint["press_agency"]).first()
    if "general_site" in hint:
        links["general_site"] = GeneralSite.objects.filter(name=hint["general_site"]).first()
    if "social_account" in hint:
        links["social_account"] = SocialAccount.objects.filter(url=hint["social_account"]).first()
    if "state_channel" in hint:
        links["state_channel"] = StateChannel.objects.filter(url=hint["state_channel"]).first()
    return links


def register_demo_sources(base_url: str) -> tuple[int, int]:
    from demo.manifest import sources  # the demo package: fiction, used only by make demo

    created = updated = 0
    for entry in sources(base_url):
        _source, is_new = Source.objects.update_or_create(
            kind=entry["kind"],
            url=entry["url"],
            defaults={
                "name": entry["name"],
                "url_pattern": entry.get("url_pattern", ""),
                "min_poll_minutes": DEMO_POLL_MINUTES,
                "poll_minutes": DEMO_POLL_MINUTES,
                "max_poll_minutes": DEMO_POLL_MINUTES,  # new items within 2 minutes
                **_registry_link(entry.get("registry")),
            },
        )
        created += int(is_new)
        updated += int(not is_new)
    return created, updated
