"""Watch topics: list, editor with a live preview of archive matches, and each topic's matches."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from analysis import services, topic_search
from analysis.forms import TopicForm
from analysis.models import Topic
from core.access import Capability, requires
from core.htmx import paginate
from monitoring.models import Article

PREVIEW_SIZE = 20


@requires(Capability.MANAGE_ANALYSIS)
def topic_list(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.select_related("owner").annotate(match_count=Count("matches"))
    return render(request, "analysis/topic_list.html", {"topics": topics})


def _edit(request: HttpRequest, topic: Topic | None) -> HttpResponse:
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            if saved.owner_id is None:
                saved.owner = request.user  # type: ignore[assignment]
            saved.save()
            services.sync_topic_rule(saved)
        messages.success(request, _("Topic “%(name)s” saved.") % {"name": saved.name})
        return redirect(saved)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "object": topic, "preview_size": PREVIEW_SIZE}
    return render(request, "analysis/topic_form.html", context, status=status)


@requires(Capability.MANAGE_ANALYSIS)
def topic_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@requires(Capability.MANAGE_ANALYSIS)
def topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Topic, pk=pk))


@requires(Capability.MANAGE_ANALYSIS)
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    matches = topic.matches.select_related("article__source")
    context: dict[str, Any] = {"topic": topic, "page": paginate(request, matches)}
    return render(request, "analysis/topic_detail.html", context)


@requires(Capability.MANAGE_ANALYSIS)
def topic_delete(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    if request.method == "POST":
        name = topic.name
        topic.delete()
        messages.success(request, _("Topic “%(name)s” deleted.") % {"name": name})
        return redirect("analysis:topic_list")
    return render(request, "analysis/topic_delete.html", {"topic": topic})


def preview_context(text: str, *, accent_insensitive: bool) -> dict[str, Any]:
    """The first archive matches of a query, or its error with the position highlighted."""
    context: dict[str, Any] = {"text": text, "articles": [], "problem": None}
    if not text.strip():
        return context
    problem = topic_search.check_query(text, accent_insensitive=accent_insensitive)
    if problem is not None:
        position = min(max(problem.position, 0), len(text))
        context.update(
            problem=problem,
            before=text[:position],
            at=text[position : position + 1] or " ",
            after=text[position + 1 :],
        )
        return context
    ids = topic_search.search_topic(text, accent_insensitive=accent_insensitive, limit=PREVIEW_SIZE)
    articles = Article.objects.select_related("source").in_bulk(ids)
    context["articles"] = [articles[i] for i in ids if i in articles]
    return context


@requires(Capability.MANAGE_ANALYSIS)
def topic_preview(request: HttpRequest) -> HttpResponse:
    context = preview_context(
        request.GET.get("query", ""),
        accent_insensitive=request.GET.get("accent_insensitive") in ("on", "1", "true"),
    )
    return render(request, "analysis/_topic_preview.html", context)


urlpatterns: list[URLPattern] = [
    path("topics/", topic_list, name="topic_list"),
    path("topics/new/", topic_create, name="topic_create"),
    path("topics/preview/", topic_preview, name="topic_preview"),
    path("topics/<int:pk>/", topic_detail, name="topic_detail"),
    path("topics/<int:pk>/edit/", topic_edit, name="topic_edit"),
    path("topics/<int:pk>/delete/", topic_delete, name="topic_delete"),
]
