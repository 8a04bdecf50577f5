"""DRF side of the access policy: the same :func:`core.access.is_allowed`, after DRF has
authenticated the request (session or token)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from core.access import ATTRIBUTE, Capability, is_allowed


class CapabilityPermission(BasePermission):
    """Reads need the view's ``required_capability``; writes need ``write_capability``."""

    def has_permission(self, request: Request, view: Any) -> bool:
        capability: Capability | None = getattr(view, ATTRIBUTE, None)
        if request.method not in SAFE_METHODS:
            capability = getattr(view, "write_capability", None)
        if capability is None:
            return False  # deny by default: no declared capability, no access
        return is_allowed(request.user, capability)
