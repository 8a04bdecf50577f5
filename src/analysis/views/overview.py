"""The overview page: volume and tone over time, by locality and sector (SVG + tables)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from accounts.models import Sector
from analysis import runtime
from analysis.charts import Series, stacked_bars
from analysis.choices import ToneLabel
from analysis.overview import build_overview
from core.access import Capability, requires

PERIODS = (7, 30, 90)
COLORS = {
    ToneLabel.NEGATIVE: "#c0392b",
    ToneLabel.NEUTRAL: "#95a5a6",
    ToneLabel.POSITIVE: "#27ae60",
}


@requires(Capability.VIEW_MONITORING)
def overview(request: HttpRequest) -> HttpResponse:
    days = int(request.GET["days"]) if request.GET.get("days", "") in map(str, PERIODS) else 30
    locality = request.GET.get("locality", "")
    sector = request.GET.get("sector", "")
    province_only = request.GET.get("all") != "1"
    data = build_overview(days=days, locality=locality, sector=sector, province_only=province_only)
    series = [
        Series(str(ToneLabel(label).label), tuple(data.tone_by_day[label]), COLORS[label])
        for label in (ToneLabel.NEGATIVE, ToneLabel.NEUTRAL, ToneLabel.POSITIVE)
    ]
    codes = [c for c, _n, _neg in data.localities] + ([locality] if locality else [])
    names = {c: runtime.place_name(c) for c in codes}
    sector_names = dict(Sector.objects.values_list("code", "name"))
    rows = [
        (day, *(data.tone_by_day[label][i] for label in ToneLabel.values))
        for i, day in enumerate(data.days)
    ]
    context = {
        "chart": stacked_bars(data.days, series, title=_("Articles per day by tone")),
        "rows": rows,
        "tone_labels": [label for _v, label in ToneLabel.choices],
        "localities": [(c, names.get(c, c), n, neg) for c, n, neg in data.localities],
        "sectors": [(c, sector_names.get(c, c), n, neg) for c, n, neg in data.sectors],
        "periods": PERIODS,
        "values": {"days": days, "locality": locality, "sector": sector, "all": not province_only},
        "area_choices": sorted(names.items(), key=lambda item: item[1]),
        "sector_choices": list(sector_names.items()),
    }
    return render(request, "analysis/overview.html", context)


urlpatterns: list[URLPattern] = [path("overview/", overview, name="overview")]
