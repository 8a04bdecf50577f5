"""Who may do what: roles, capabilities and unit scoping, decided in this one module.

Every view declares the capability it needs with :func:`requires` (function views) or the
``required_capability`` attribute (class-based views and API views). :class:`AccessMiddleware`
refuses any Django view that declares nothing (deny by default) and checks the capability for
session users; API views are checked by ``core.api.permissions.CapabilityPermission`` with the same
:func:`is_allowed`, after DRF has authenticated the request (session or token).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICER = "officer", _("Press-office officer")
    LEADER = "leader", _("Press-office leader")
    UNIT_LIAISON = "unit_liaison", _("Unit liaison")
    POLICE_LIAISON = "police_liaison", _("Police liaison")
    PRESS_AGENCY = "press_agency", _("Press agency")


class Capability(StrEnum):
    """A thing a request may do. Views name one; roles are granted a set."""

    PUBLIC = "public"  # anyone, including the anonymous public
    SIGNED_IN = "signed_in"  # any account (own profile, password, dashboard)
    VIEW_DIRECTORY = "view_directory"  # the list of units and their aliases
    MANAGE_UNITS = "manage_units"  # create and edit units, sectors and their mapping
    MANAGE_USERS = "manage_users"  # create accounts, set roles and units
    VIEW_AUDIT = "view_audit"  # the global change log
    VIEW_OPERATIONS = "view_operations"  # queue, jobs and scheduler state
    VIEW_REGISTRY = "view_registry"  # press agencies, sites, offices, reporters, compliance
    MANAGE_REGISTRY = "manage_registry"  # create, edit, import registry records; reviews
    VIEW_MONITORING = "view_monitoring"  # sources, articles, search
    MANAGE_SOURCES = "manage_sources"  # add and edit sources; push items through the ingest API
    MANAGE_ANALYSIS = "manage_analysis"  # watch topics, alert rules, lexicons, tag corrections
    RECEIVE_ALERTS = "receive_alerts"  # one's own alert inbox (scoped to the user)
    VIEW_FINDINGS = "view_findings"  # violation findings and their evidence
    REVIEW_FINDINGS = "review_findings"  # confirm or reject a finding; claims register
    VIEW_CASES = "view_cases"  # cases (units see only the cases routed to them)
    MANAGE_CASES = "manage_cases"  # open, triage, assign, write letters, propose sanctions
    RESPOND_CASES = "respond_cases"  # a routed unit answers its assignment
    DECIDE_CASES = "decide_cases"  # approve sanctions, publish results
    VIEW_PLANS = "view_plans"  # plans and tasks (units see the tasks they lead or join)
    MANAGE_PLANS = "manage_plans"  # import plans; training, inspections, press orders
    REPORT_PROGRESS = "report_progress"  # a unit reports progress on its plan tasks
    VIEW_REPORTS = "view_reports"  # digests, briefing and annual reports


OFFICE_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER})
ALL_ROLES = frozenset(Role)

#: The whole policy. Anonymous users hold only PUBLIC.
GRANTS: Mapping[Capability, frozenset[Role]] = {
    Capability.PUBLIC: ALL_ROLES,
    Capability.SIGNED_IN: ALL_ROLES,
    Capability.VIEW_DIRECTORY: ALL_ROLES,
    Capability.MANAGE_UNITS: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.MANAGE_USERS: frozenset({Role.ADMIN}),
    Capability.VIEW_AUDIT: OFFICE_ROLES,
    Capability.VIEW_OPERATIONS: frozenset({Role.ADMIN}),
    # the police coordinate checks of reporters' activity with the office (plan III.1.4)
    Capability.VIEW_REGISTRY: OFFICE_ROLES | {Role.POLICE_LIAISON},
    Capability.MANAGE_REGISTRY: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.VIEW_MONITORING: OFFICE_ROLES | {Role.POLICE_LIAISON},
    Capability.MANAGE_SOURCES: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.MANAGE_ANALYSIS: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.RECEIVE_ALERTS: OFFICE_ROLES | {Role.UNIT_LIAISON, Role.POLICE_LIAISON},
    Capability.VIEW_FINDINGS: OFFICE_ROLES | {Role.POLICE_LIAISON},
    Capability.REVIEW_FINDINGS: OFFICE_ROLES,
    Capability.VIEW_CASES: OFFICE_ROLES | {Role.UNIT_LIAISON, Role.POLICE_LIAISON},
    Capability.MANAGE_CASES: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.RESPOND_CASES: frozenset({Role.UNIT_LIAISON, Role.POLICE_LIAISON}),
    Capability.DECIDE_CASES: frozenset({Role.ADMIN, Role.LEADER}),
    Capability.VIEW_PLANS: OFFICE_ROLES | {Role.UNIT_LIAISON, Role.POLICE_LIAISON},
    Capability.MANAGE_PLANS: frozenset({Role.ADMIN, Role.OFFICER}),
    Capability.REPORT_PROGRESS: frozenset({Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.OFFICER}),
    Capability.VIEW_REPORTS: OFFICE_ROLES,
}


class Actor(Protocol):
    """What the policy needs to know about a user (accounts.User satisfies it)."""

    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_active(self) -> bool: ...

    role: str
    unit_id: int | None


def is_allowed(user: Any, capability: Capability) -> bool:
    """True when ``user`` (possibly anonymous) holds ``capability``."""
    if capability is Capability.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return getattr(user, "role", None) in GRANTS[capability]


def is_office(user: Any) -> bool:
    """Office staff (administrator, officer, leader) see everything that is not scoped."""
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "role", None) in (
        OFFICE_ROLES
    )


_M = TypeVar("_M", bound=models.Model)


def visible(queryset: models.QuerySet[_M], user: Any) -> models.QuerySet[_M]:
    """Rows of ``queryset`` that ``user`` may see.

    Office staff see every row. Anyone else sees what the model's ``scope_for_unit(queryset,
    unit_id, role)`` classmethod returns (for example cases routed to the user's unit); a model
    without that method is not visible outside the office at all (deny by default).
    """
    if is_office(user):
        return queryset
    scope: Callable[..., models.QuerySet[_M]] | None = getattr(
        queryset.model, "scope_for_unit", None
    )
    unit_id = getattr(user, "unit_id", None)
    if scope is None or unit_id is None or not getattr(user, "is_authenticated", False):
        return queryset.none()
    return scope(queryset, unit_id, getattr(user, "role", ""))


_F = TypeVar("_F", bound=Callable[..., Any])
ATTRIBUTE = "required_capability"


def requires(capability: Capability) -> Callable[[_F], _F]:
    """Declare the capability a function view needs."""

    def mark(view: _F) -> _F:
        setattr(view, ATTRIBUTE, capability)
        return view

    return mark


def declared_capability(view_func: Any) -> Capability | None:
    """The capability declared by a resolved view (function, class-based or DRF)."""
    for holder in (
        view_func,
        getattr(view_func, "view_class", None),
        getattr(view_func, "cls", None),
    ):
        if holder is not None and isinstance(getattr(holder, ATTRIBUTE, None), Capability):
            return getattr(holder, ATTRIBUTE)  # type: ignore[no-any-return]
    return None


def is_api_view(view_func: Any) -> bool:
    return getattr(view_func, "cls", None) is not None


#: Views of third-party apps we mount, with the capability they need.
EXTERNAL_VIEWS: dict[str, Capability] = {
    "django.views.i18n.set_language": Capability.PUBLIC,
    "django.views.static.serve": Capability.PUBLIC,
}


class AccessMiddleware:
    """Refuses views that declare no capability; checks it for non-API views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        capability = declared_capability(view_func)
        if capability is None:
            name = f"{view_func.__module__}.{getattr(view_func, '__name__', view_func)}"
            capability = EXTERNAL_VIEWS.get(name)
        if capability is None:
            logger.error("view %r declares no capability; refused", view_func)
            raise PermissionDenied("This page declares no access rule.")
        if is_api_view(view_func):
            return None  # DRF authenticates (token or session) and checks in CapabilityPermission
        if is_allowed(request.user, capability):
            return None
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        raise PermissionDenied
