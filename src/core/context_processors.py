"""Navigation for the base layout: only the modules the user may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.access import Capability, is_allowed


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: Capability
    section: str  # URL prefix that marks the item as current


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Dashboard"), "core:dashboard", Capability.SIGNED_IN, "/dashboard"),
    NavItem(_("Alerts"), "analysis:inbox", Capability.RECEIVE_ALERTS, "/analysis/inbox"),
    NavItem(
        _("Articles"), "monitoring:article_list", Capability.VIEW_MONITORING, "/monitoring/articles"
    ),
    NavItem(_("Search"), "monitoring:search", Capability.VIEW_MONITORING, "/monitoring/search"),
    NavItem(
        _("Coverage trends"), "analysis:overview", Capability.VIEW_MONITORING, "/analysis/overview"
    ),
    NavItem(_("Findings"), "findings:finding_list", Capability.VIEW_FINDINGS, "/findings"),
    NavItem(_("Cases"), "cases:case_list", Capability.VIEW_CASES, "/cases"),
    NavItem(_("Plans"), "plans:home", Capability.VIEW_PLANS, "/plans"),
    NavItem(_("Reports"), "reports:run_list", Capability.VIEW_REPORTS, "/reports"),
    NavItem(_("Leaders' overview"), "reports:leaders", Capability.VIEW_REPORTS, "/reports/leaders"),
    NavItem(
        _("Sources"), "monitoring:source_list", Capability.VIEW_MONITORING, "/monitoring/sources"
    ),
    NavItem(_("Topics"), "analysis:topic_list", Capability.MANAGE_ANALYSIS, "/analysis/topics"),
    NavItem(_("Alert rules"), "analysis:rule_list", Capability.MANAGE_ANALYSIS, "/analysis/rules"),
    NavItem(_("Lexicons"), "analysis:lexicon", Capability.MANAGE_ANALYSIS, "/analysis/lexicon"),
    NavItem(_("Registry"), "registry:home", Capability.VIEW_REGISTRY, "/registry"),
    NavItem(_("Units"), "accounts:unit_list", Capability.VIEW_DIRECTORY, "/accounts/units"),
    NavItem(_("Sectors"), "accounts:sector_list", Capability.VIEW_DIRECTORY, "/accounts/sectors"),
    NavItem(_("Areas"), "places:area_list", Capability.VIEW_DIRECTORY, "/places"),
    NavItem(_("Users"), "accounts:user_list", Capability.MANAGE_USERS, "/accounts/users"),
    NavItem(_("Change log"), "core:change_list", Capability.VIEW_AUDIT, "/changes"),
    NavItem(_("Operations"), "core:operations", Capability.VIEW_OPERATIONS, "/operations"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "current": request.path.startswith(item.section),
        }
        for item in NAVIGATION
        if user is not None and user.is_authenticated and is_allowed(user, item.capability)
    ]
    return {"nav_items": items}
