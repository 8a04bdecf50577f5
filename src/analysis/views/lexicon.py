"""The lexicon editor: words the office adds to the shipped tone and sector lexicons."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis.choices import LexiconKind
from analysis.forms import LexiconEntryForm
from analysis.models import LexiconEntry
from core.access import Capability, requires
from core.htmx import paginate, query_without_page, render_page


@requires(Capability.MANAGE_ANALYSIS)
def lexicon(request: HttpRequest) -> HttpResponse:
    form = LexiconEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            entry = form.save()
        messages.success(request, _("“%(term)s” added.") % {"term": entry.term})
        return redirect("analysis:lexicon")
    entries = LexiconEntry.objects.select_related("sector")
    if request.GET.get("kind") in LexiconKind.values:
        entries = entries.filter(kind=request.GET["kind"])
    context = {
        "form": form,
        "page": paginate(request, entries),
        "kinds": LexiconKind.choices,
        "values": request.GET,
        "query": query_without_page(request),
    }
    response = render_page(
        request, "analysis/lexicon.html", "analysis/_lexicon_table.html", context
    )
    if request.method == "POST":
        response.status_code = 400
    return response


@requires(Capability.MANAGE_ANALYSIS)
@require_POST
def lexicon_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LexiconEntry, pk=pk)
    entry.active = not entry.active
    entry.save()
    return redirect("analysis:lexicon")


@requires(Capability.MANAGE_ANALYSIS)
@require_POST
def lexicon_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LexiconEntry, pk=pk)
    entry.delete()
    messages.success(request, _("“%(term)s” removed.") % {"term": entry.term})
    return redirect("analysis:lexicon")


urlpatterns: list[URLPattern] = [
    path("lexicon/", lexicon, name="lexicon"),
    path("lexicon/<int:pk>/toggle/", lexicon_toggle, name="lexicon_toggle"),
    path("lexicon/<int:pk>/delete/", lexicon_delete, name="lexicon_delete"),
]
