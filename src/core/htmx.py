"""One view, two renderings: the full page, or only its fragment for an HTMX request."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest, page: str, fragment: str, context: dict[str, Any]
) -> HttpResponse:
    """Render ``fragment`` for an HTMX request that targets it, else the whole ``page``."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and htmx.target:
        return render(request, fragment, context)
    return render(request, page, context)


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = 50) -> Page[Any]:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current query string without ``page`` (for pagination links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
