"""The leaders' page (today and this month at a glance) and the article list behind its figures
and the reports' figures."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Sector
from analysis import runtime
from analysis.charts import Series, stacked_bars
from analysis.choices import ToneLabel
from core.access import Capability, requires
from core.htmx import paginate, query_without_page
from reports import periods
from reports.figures.articles import GROUPS, ArticleFilter
from reports.leaders import glance
from reports.svg import hbars

COLORS = {
    ToneLabel.NEGATIVE: "#c0392b",
    ToneLabel.NEUTRAL: "#95a5a6",
    ToneLabel.POSITIVE: "#27ae60",
}


@requires(Capability.VIEW_REPORTS)
def leaders(request: HttpRequest) -> HttpResponse:
    data = glance()
    tones = [
        (figure.label, figure.value, COLORS[tone])
        for figure, tone in zip(
            data.tones_month,
            (ToneLabel.POSITIVE, ToneLabel.NEUTRAL, ToneLabel.NEGATIVE),
            strict=True,
        )
    ]
    daily = stacked_bars(
        [d.day for d in data.days],
        [
            Series(
                str(ToneLabel.NEGATIVE.label),
                tuple(d.negative for d in data.days),
                COLORS[ToneLabel.NEGATIVE],
            ),
            Series(
                str(ToneLabel.NEUTRAL.label),
                tuple(d.neutral for d in data.days),
                COLORS[ToneLabel.NEUTRAL],
            ),
            Series(
                str(ToneLabel.POSITIVE.label),
                tuple(d.positive for d in data.days),
                COLORS[ToneLabel.POSITIVE],
            ),
        ],
        title=_("Articles about the province per day, this month"),
    )
    sectors = hbars(
        [(f.label, f.value, "#2c6fbb") for f, _neg in data.sectors],
        title=_("Top sectors this month"),
    )
    context: dict[str, Any] = {
        "data": data,
        "tone_chart": hbars(tones, title=_("Articles about the province by tone, this month")),
        "daily_chart": daily,
        "sector_chart": sectors,
        "tone_pairs": list(zip(data.tones_today, data.tones_month, strict=True)),
    }
    return render(request, "reports/leaders.html", context)


def _date(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return default


def filter_from(request: HttpRequest) -> ArticleFilter:
    """The article filter of the GET parameters (a bad or missing value means "any")."""
    params = request.GET
    today = timezone.localdate()
    start = _date(params.get("start"), periods.this_month(today).start)
    end = _date(params.get("end"), today)
    if end < start or (end - start).days > 400:
        start, end = periods.this_month(today).start, periods.this_month(today).end
    return ArticleFilter(
        periods.Period(start, end),
        tone=params["tone"] if params.get("tone") in ToneLabel.values else "",
        sector=params.get("sector", "")[:40],
        locality=params.get("locality", "")[:80],
        group=params["group"] if params.get("group") in GROUPS else "",
    )


@requires(Capability.VIEW_REPORTS)
def articles(request: HttpRequest) -> HttpResponse:
    """The articles about the province behind a figure (period, tone, sector, place, outlets)."""
    filter_ = filter_from(request)
    sector_name = ""
    if filter_.sector:
        sector = Sector.objects.filter(code=filter_.sector).first()
        sector_name = sector.name if sector else filter_.sector
    context = {
        "filter": filter_,
        "page": paginate(request, filter_.articles()),
        "query": query_without_page(request),
        "tone_label": ToneLabel(filter_.tone).label if filter_.tone else "",
        "sector_name": sector_name,
        "place_name": runtime.place_name(filter_.locality) if filter_.locality else "",
        "tones": ToneLabel.choices,
    }
    return render(request, "reports/articles.html", context)


urlpatterns: list[URLPattern] = [
    path("leaders/", leaders, name="leaders"),
    path("articles/", articles, name="articles"),
]
