"""Dashboard cards of the accounts app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector, Unit, User
from core.access import Capability, is_office
from core.dashboard import Card, register


@register(Capability.VIEW_DIRECTORY, order=10)
def unit_cards(user: Any) -> list[Card]:
    today = timezone.localdate()
    units_url = reverse("accounts:unit_list")
    if not is_office(user):
        return _own_unit_cards(user)
    in_force = Unit.objects.valid_on(today).count()
    unverified = Unit.objects.filter(needs_verification=True).count()
    unmapped = Sector.objects.filter(responsible_unit__isnull=True).exclude(code="khac").count()
    return [
        Card(_("Units in force today"), in_force, units_url),
        Card(
            _("Units with facts to verify"),
            unverified,
            units_url + "?verify=1",
            tone="warn" if unverified else "",
        ),
        Card(
            _("Sectors without a responsible unit"),
            unmapped,
            reverse("accounts:sector_list"),
            tone="warn" if unmapped else "",
        ),
    ]


def _own_unit_cards(user: Any) -> list[Card]:
    if user.unit_id is None:
        return []
    unit = Unit.objects.get(pk=user.unit_id)
    sectors = Sector.objects.filter(responsible_unit=unit).count()
    return [
        Card(_("Your unit"), unit.display_name, reverse("accounts:unit_detail", args=[unit.pk])),
        Card(_("Sectors your unit follows up"), sectors, reverse("accounts:sector_list")),
    ]


@register(Capability.MANAGE_USERS, order=20)
def user_cards(user: Any) -> list[Card]:
    active = User.objects.filter(is_active=True).count()
    return [Card(_("Active accounts"), active, reverse("accounts:user_list"))]
