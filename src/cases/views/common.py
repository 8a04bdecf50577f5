"""Shared lookups of the case pages: every case URL starts from :func:`scoped_case`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cases.models import Assignment, Case
from core.access import is_office, visible


def unit_id_of(user: Any) -> int:
    """The user's unit id, or -1 (matches nothing) for a user without a unit."""
    value = getattr(user, "unit_id", None)
    return int(value) if value is not None else -1


def visible_cases(user: Any) -> QuerySet[Case]:
    return visible(Case.objects.all(), user)


def scoped_case(request: HttpRequest, pk: int) -> Case:
    """The case if this user may see it; 404 otherwise (another unit's case does not exist)."""
    return get_object_or_404(visible_cases(request.user).select_related("sector"), pk=pk)


def own_assignment(request: HttpRequest, case: Case) -> Assignment:
    """The signed-in liaison's assignment on ``case`` (404 when their unit has none)."""
    assignment = (
        case.assignments.filter(unit_id=unit_id_of(request.user)).select_related("unit").first()
    )
    if assignment is None:
        raise Http404
    return assignment


def office_only(request: HttpRequest) -> None:
    if not is_office(request.user):
        raise Http404
