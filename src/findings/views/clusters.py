"""Stories (reports of one event across outlets) with their copy clusters inside, copy clusters,
and the syndication graph (who copies whom)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone

from core.access import Capability, is_allowed, requires, visible
from core.htmx import paginate, query_without_page, render_page
from findings.engine.dedup import Item
from findings.engine.syndication import CopyEdge, copy_edges, outlet_graph
from findings.models import ClusterMember, Story, StoryCluster, StoryMember
from findings.stories import story_of

GRAPH_DAYS = (7, 30, 90, 365)


@requires(Capability.VIEW_FINDINGS)
def cluster_list(request: HttpRequest) -> HttpResponse:
    """The stories told by two articles or more (newest first); URL kept from the copy clusters."""
    stories = visible(Story.objects.select_related("original__source"), request.user)
    stories = stories.filter(size__gte=2)
    if request.GET.get("outlets") == "2":
        stories = stories.filter(outlets__gte=2)
    context = {
        "page": paginate(request, stories),
        "values": request.GET,
        "query": query_without_page(request),
    }
    return render_page(
        request, "findings/cluster_list.html", "findings/_cluster_table.html", context
    )


@requires(Capability.VIEW_FINDINGS)
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_object_or_404(visible(StoryCluster.objects.all(), request.user), pk=pk)
    members = cluster.members.select_related("article__source").order_by(
        "-is_original", "lag_minutes", "pk"
    )
    story = story_of(cluster.original_id) if cluster.original_id else None
    context = {
        "cluster": cluster,
        "members": members,
        "story": story,
        "can_open_article": is_allowed(request.user, Capability.VIEW_MONITORING),
    }
    return render(request, "findings/cluster_detail.html", context)


@dataclass
class Report:
    """One separately written report of a story, with its copies (copy-cluster members)."""

    member: StoryMember
    minutes_after: float | None
    cluster: StoryCluster | None = None
    copies: list[ClusterMember] = field(default_factory=list)


def story_reports(story: Story) -> list[Report]:
    """The story's members as reports: each copy cluster's original (or earliest member in the
    story) carries the cluster's other members as copies; the story's original comes first."""
    members = list(
        StoryMember.objects.filter(story_key=story.key).select_related("article__source", "nearest")
    )
    copies_of = {
        row.article_id: row
        for row in ClusterMember.objects.filter(
            article_id__in=[m.article_id for m in members]
        ).select_related("cluster")
    }
    original = next((m for m in members if m.is_original), None)
    start = original.published_at if original else None
    reports: list[Report] = []
    by_cluster: dict[int, Report] = {}
    ordered = sorted(
        members,
        key=lambda m: (
            not m.is_original,
            not (m.article_id in copies_of and copies_of[m.article_id].is_original),
            m.published_at,
            m.pk,
        ),
    )
    for member in ordered:
        copy = copies_of.get(member.article_id)
        if copy is not None and copy.cluster_id in by_cluster:
            by_cluster[copy.cluster_id].copies.append(copy)
            continue
        lag = None
        if start is not None and member is not original:
            lag = round((member.published_at - start).total_seconds() / 60, 1)
        report = Report(member, lag, copy.cluster if copy else None)
        if copy is not None:
            by_cluster[copy.cluster_id] = report
        reports.append(report)
    for report in reports:
        report.copies.sort(key=lambda c: (c.lag_minutes is None, c.lag_minutes or 0.0, c.pk))
    reports.sort(key=lambda r: (r.member is not original, r.member.published_at, r.member.pk))
    return reports


@requires(Capability.VIEW_FINDINGS)
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(
        visible(Story.objects.select_related("original__source"), request.user), pk=pk
    )
    context = {
        "story": story,
        "reports": story_reports(story),
        "can_open_article": is_allowed(request.user, Capability.VIEW_MONITORING),
    }
    return render(request, "findings/story_detail.html", context)


def edges_since(since: datetime.datetime) -> list[CopyEdge]:
    """Copy edges of every cluster seen since ``since`` (each copy against its original)."""
    rows = (
        ClusterMember.objects.filter(cluster__last_seen__gte=since)
        .select_related("article")
        .order_by("cluster_id", "pk")
    )
    grouped: dict[int, list[ClusterMember]] = {}
    for row in rows:
        grouped.setdefault(row.cluster_id, []).append(row)
    edges: list[CopyEdge] = []
    for members in grouped.values():
        items = [
            Item(
                id=str(m.article_id),
                text="",
                published_at=m.article.published_at or m.article.discovered_at,
                outlet=m.outlet,
                licensed_press=m.is_original,
                attribution=m.article.attribution_raw if m.attributed else "",
            )
            for m in members
        ]
        original = next((m for m in members if m.is_original), None)
        if original is None:
            continue
        similarities = {
            (str(original.article_id), str(m.article_id)): m.similarity
            for m in members
            if not m.is_original
        }
        for edge in copy_edges(items, similarities):
            attributed = any(m.attributed for m in members if str(m.article_id) == edge.copy_id)
            edges.append(_with_attribution(edge, attributed=attributed))
    return edges


def _with_attribution(edge: CopyEdge, *, attributed: bool) -> CopyEdge:
    return CopyEdge(
        edge.source_id,
        edge.copy_id,
        edge.source_outlet,
        edge.copy_outlet,
        edge.lag_minutes,
        edge.similarity,
        attributed,
        edge.verbatim,
    )


@requires(Capability.VIEW_FINDINGS)
def syndication_graph(request: HttpRequest) -> HttpResponse:
    days = int(request.GET.get("days", "30")) if request.GET.get("days", "").isdigit() else 30
    days = days if days in GRAPH_DAYS else 30
    links = outlet_graph(edges_since(timezone.now() - datetime.timedelta(days=days)))
    context = {"links": links, "days": days, "day_choices": GRAPH_DAYS}
    return render(request, "findings/syndication.html", context)


urlpatterns: list[URLPattern] = [
    path("clusters/", cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", cluster_detail, name="cluster_detail"),
    path("stories/<int:pk>/", story_detail, name="story_detail"),
    path("syndication/", syndication_graph, name="syndication"),
]
