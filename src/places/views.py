"""Pages of the places app: administrative areas and their history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.access import Capability, is_allowed, requires
from core.querysets import search_folded
from places.models import Area, AreaKind


@requires(Capability.VIEW_DIRECTORY)
def area_list(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.select_related("parent", "successor")
    query = request.GET.get("q", "").strip()
    if query:
        areas = search_folded(areas, query)
    if request.GET.get("kind") in AreaKind.values:
        areas = areas.filter(kind=request.GET["kind"])
    context = {"areas": areas, "kinds": AreaKind.choices, "values": request.GET}
    return render(request, "places/area_list.html", context)


@requires(Capability.VIEW_DIRECTORY)
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent", "successor"), pk=pk)
    context: dict[str, Any] = {
        "area": area,
        "children": area.children.all(),
        "predecessors": area.predecessors.all(),
        "units": area.units.all(),
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = area.changes()[:50]
    return render(request, "places/area_detail.html", context)
