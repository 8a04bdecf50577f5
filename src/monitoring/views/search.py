"""The full-text search page: query box, filters, ranked results with highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from core.access import Capability, requires
from core.htmx import query_without_page
from monitoring.choices import SourceKind
from monitoring.models import Article, Source
from monitoring.search import (
    MatchMode,
    SearchHit,
    SearchQuery,
    SearchResult,
    parse_query,
    search,
)
from registry.choices import AgencyLevel

PER_PAGE = 20
MAX_PAGE = 500
#: The outlet-level filter value for sources that are not press agencies.
NO_LEVEL = "none"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=300, required=False)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    source = forms.ModelMultipleChoiceField(
        label=_("Source"), queryset=Source.objects.only("pk", "name"), required=False
    )
    kind = forms.MultipleChoiceField(
        label=_("Source kind"), choices=SourceKind.choices, required=False
    )
    level = forms.MultipleChoiceField(
        label=_("Outlet level"),
        choices=[*AgencyLevel.choices, (NO_LEVEL, _("Not a press agency"))],
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def to_query(self, *, per_page: int = PER_PAGE) -> SearchQuery:
        data = self.cleaned_data
        page = data.get("page") or 1
        return SearchQuery(
            text=data.get("q") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            source_ids=tuple(source.pk for source in data.get("source") or ()),
            source_kinds=tuple(data.get("kind") or ()),
            outlet_levels=tuple("" if v == NO_LEVEL else v for v in data.get("level") or ()),
            limit=per_page,
            offset=(page - 1) * per_page,
        )


@dataclass(frozen=True, slots=True)
class ResultRow:
    hit: SearchHit
    url: str
    title: SafeString
    snippet: SafeString
    kind_label: str
    level_label: str


def run_search(query: SearchQuery) -> tuple[SearchResult, bool]:
    """The result, retried with any-word matching when no article has every word."""
    result = search(query)
    several_terms = len(parse_query(query.text).terms) > 1
    if result.total == 0 and several_terms and query.match is MatchMode.ALL:
        fallback = search(replace(query, match=MatchMode.ANY))
        if fallback.total:
            return fallback, True
    return result, False


def _rows(result: SearchResult) -> list[ResultRow]:
    articles = Article.objects.only("pk").in_bulk([hit.article_id for hit in result.hits])
    kinds = dict(SourceKind.choices)
    levels = dict(AgencyLevel.choices)
    return [
        ResultRow(
            hit=hit,
            url=articles[hit.article_id].get_absolute_url(),
            # escaped by the snippet builder; only <mark> is markup
            title=mark_safe(hit.title_html) if hit.title_html else escape(_("(no title)")),
            snippet=mark_safe(hit.snippet),
            kind_label=str(kinds.get(hit.source_kind, hit.source_kind)),
            level_label=str(levels.get(hit.outlet_level, "")),
        )
        for hit in result.hits
        if hit.article_id in articles
    ]


@requires(Capability.VIEW_MONITORING)
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "values": request.GET, "searched": False}
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.to_query()
        result, fallback = run_search(query)
        page = Paginator(range(result.total), PER_PAGE).get_page(form.cleaned_data["page"])
        context |= {
            "searched": True,
            "result": result,
            "rows": _rows(result),
            "fallback": fallback,
            "page": page,
            "query": query_without_page(request),
        }
    context |= {
        "sources": Source.objects.only("pk", "name"),
        "kinds": SourceKind.choices,
        "levels": [*AgencyLevel.choices, (NO_LEVEL, _("Not a press agency"))],
        "selected": {name: request.GET.getlist(name) for name in ("source", "kind", "level")},
    }
    return render(request, "monitoring/search.html", context)


urlpatterns: list[URLPattern] = [
    path("search/", search_page, name="search"),
]
