"""The article tags panel (an htmx fragment for the article page) and one-click corrections."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from accounts.models import Sector, Unit
from analysis import explain, runtime, services
from analysis.choices import CorrectionField, ToneLabel
from analysis.forms import ProvinceCorrectionForm, SectorCorrectionForm, ToneCorrectionForm
from analysis.models import ArticleAnalysis, Correction
from core.access import Capability, is_allowed, requires
from monitoring.models import Article


def tags_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    analysis = ArticleAnalysis.objects.filter(article=article).first()
    context: dict[str, Any] = {"article": article, "analysis": analysis}
    if analysis is None:
        return context
    sector_names = dict(Sector.objects.values_list("code", "name"))
    context.update(
        localities=[(code, runtime.place_name(code)) for code in analysis.localities],
        units=list(Unit.objects.filter(code__in=analysis.units).only("pk", "name", "code")),
        sectors=[
            (code, sector_names.get(code, code), analysis.sector_evidence.get(code, []))
            for code in analysis.sectors
        ],
        explanation=explain.render(analysis.explanation),
        can_correct=is_allowed(request.user, Capability.MANAGE_ANALYSIS),
        tone_choices=ToneLabel.choices,
        sector_choices=list(sector_names.items()),
        corrections=Correction.objects.filter(article=article).select_related("by")[:10],
        topics=article.topic_matches.select_related("topic")[:20],
    )
    return context


@requires(Capability.VIEW_MONITORING)
def article_tags(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    return render(request, "analysis/_article_tags.html", tags_context(request, article))


def _after(request: HttpRequest, article: Article) -> HttpResponse:
    if getattr(request, "htmx", False):
        return render(request, "analysis/_article_tags.html", tags_context(request, article))
    return redirect(article)


@requires(Capability.MANAGE_ANALYSIS)
@require_POST
def correct(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    get_object_or_404(ArticleAnalysis, article=article)
    value: Any
    if field == CorrectionField.TONE:
        form: Any = ToneCorrectionForm(request.POST)
        value_key = "tone"
    elif field == CorrectionField.SECTORS:
        form = SectorCorrectionForm(request.POST)
        value_key = "sector"
    elif field == CorrectionField.ABOUT_PROVINCE:
        form = ProvinceCorrectionForm(request.POST)
        value_key = "about_province"
    else:
        return HttpResponse(status=404)
    if not form.is_valid():
        return HttpResponse(status=400)
    value = form.cleaned_data[value_key]
    if isinstance(value, Sector):
        value = value.code
    services.correct(article, CorrectionField(field), value, request.user)
    return _after(request, article)


urlpatterns: list[URLPattern] = [
    path("articles/<int:pk>/tags/", article_tags, name="article_tags"),
    path("articles/<int:pk>/correct/<str:field>/", correct, name="article_correct"),
]
