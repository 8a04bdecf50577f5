"""Pages of the monitoring app: sources with their health, articles and the reader view."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.access import Capability, is_allowed, requires
from core.context import acting
from core.crud import edit_object
from core.htmx import paginate, query_without_page, render_page
from core.text import fold_diacritics
from monitoring import runner, tasks
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.forms import SourceForm
from monitoring.models import Article, RawPage, Source
from monitoring.pipeline.diff import diff_lines
from monitoring.posts_file import import_posts, parse_posts


@requires(Capability.VIEW_MONITORING)
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.select_related(
        "press_agency", "general_site", "social_account", "state_channel"
    ).annotate(article_count=Count("articles"))
    if request.GET.get("kind") in SourceKind.values:
        sources = sources.filter(kind=request.GET["kind"])
    if request.GET.get("health") == "errors":
        sources = sources.filter(error_count__gt=0)
    context = {
        "page": paginate(request, sources),
        "kinds": SourceKind.choices,
        "values": request.GET,
        "query": query_without_page(request),
        "can_edit": is_allowed(request.user, Capability.MANAGE_SOURCES),
    }
    return render_page(
        request, "monitoring/source_list.html", "monitoring/_source_table.html", context
    )


@requires(Capability.VIEW_MONITORING)
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    counts = dict(source.articles.values_list("status").annotate(n=Count("pk")).order_by())
    context: dict[str, Any] = {
        "source": source,
        "polls": source.polls.all()[:20],
        "articles": source.articles.all()[:20],
        "counts": [(s.label, counts.get(s.value, 0), s.value) for s in ArticleStatus],
        "can_edit": is_allowed(request.user, Capability.MANAGE_SOURCES),
        "can_poll": tasks.can_poll(source),
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = source.changes()[:30]
    return render(request, "monitoring/source_detail.html", context)


@requires(Capability.MANAGE_SOURCES)
def source_create(request: HttpRequest) -> HttpResponse:
    return edit_object(request, SourceForm, None, template="monitoring/source_form.html")


@require_POST
@requires(Capability.MANAGE_SOURCES)
def source_poll(request: HttpRequest, pk: int) -> HttpResponse:
    """Poll a source now, besides its schedule (after adding it, or after fixing its address)."""
    source = get_object_or_404(Source, pk=pk)
    if tasks.can_poll(source):
        tasks.enqueue_poll_now(source)
        messages.success(
            request, _("Poll queued: it shows under Recent polls in a moment (reload the page).")
        )
    else:
        messages.error(
            request,
            _("This source is not polled: inactive, without an address, or fed by push or file."),
        )
    return redirect("monitoring:source_detail", pk=source.pk)


@requires(Capability.MANAGE_SOURCES)
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    return edit_object(request, SourceForm, source, template="monitoring/source_form.html")


def _filtered_articles(request: HttpRequest) -> Any:
    articles = Article.objects.select_related("source")
    params = request.GET
    if params.get("status") in ArticleStatus.values:
        articles = articles.filter(status=params["status"])
    if params.get("source", "").isdigit():
        articles = articles.filter(source_id=int(params["source"]))
    if params.get("changes") == "removed":
        articles = articles.filter(removed_at__isnull=False)
    elif params.get("changes") == "edited":
        articles = articles.filter(edited_at__isnull=False)
    if params.get("q"):
        articles = articles.filter(title_key__contains=fold_diacritics(params["q"]))
    return articles


@requires(Capability.VIEW_MONITORING)
def article_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _filtered_articles(request)),
        "stages": REPROCESS_STAGES,
        "can_reprocess": is_allowed(request.user, Capability.MANAGE_SOURCES),
        "statuses": ArticleStatus.choices,
        "sources": Source.objects.only("pk", "name"),
        "values": request.GET,
        "query": query_without_page(request),
        "totals": Article.objects.aggregate(
            total=Count("pk"),
            removed=Count("pk", filter=Q(removed_at__isnull=False)),
            edited=Count("pk", filter=Q(edited_at__isnull=False)),
        ),
    }
    return render_page(
        request, "monitoring/article_list.html", "monitoring/_article_table.html", context
    )


MAX_POSTS_FILE_BYTES = 50 * 1024 * 1024


@requires(Capability.MANAGE_SOURCES)
def source_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a platform export (JSONL or CSV) into a file or push source."""
    source = get_object_or_404(Source, pk=pk, kind__in=[SourceKind.FILE, SourceKind.PUSH])
    context: dict[str, Any] = {"source": source}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = _("Choose a .jsonl or .csv file.")
        elif upload.size is not None and upload.size > MAX_POSTS_FILE_BYTES:
            context["file_error"] = _("The file is larger than 50 MB; split it.")
        else:
            name = upload.name or ""
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                context["file_error"] = _("The file is not UTF-8 text.")
            else:
                items, errors = parse_posts(text, csv_format=name.lower().endswith(".csv"))
                skip = request.POST.get("skip_invalid") == "on"
                with acting(comment=f"posts from {name}"):
                    context["report"] = import_posts(source, items, errors, skip_invalid=skip)
                context["filename"] = name
    status = 400 if "file_error" in context else 200
    return render(request, "monitoring/source_import.html", context, status=status)


REPROCESS_LIMIT = 5000
REPROCESS_STAGES = (
    (runner.Stage.FETCH, _("fetch the page again")),
    (runner.Stage.EXTRACT, _("extract again from the stored HTML")),
    (runner.Stage.INDEX, _("rebuild the search entry")),
    (runner.Stage.ANALYSE, _("analyse again (tags, topics, findings)")),
)


@require_POST
@requires(Capability.MANAGE_SOURCES)
def article_reprocess(request: HttpRequest) -> HttpResponse:
    """Queue the articles of the list's current filters for reprocessing from a stage."""
    stage = request.POST.get("stage", "")
    back = reverse("monitoring:article_list") + "?" + request.POST.get("filters", "")
    if stage not in runner.Stage.ALL:
        messages.error(request, _("Choose the stage to start from."))
        return redirect(back)
    request.GET = QueryDict(request.POST.get("filters", ""))
    ids = list(_filtered_articles(request).values_list("pk", flat=True)[:REPROCESS_LIMIT])
    count = tasks.enqueue_reprocess(ids, stage)
    messages.success(
        request,
        _("%(count)s articles queued for reprocessing; the Operations page shows the jobs.")
        % {"count": count},
    )
    return redirect(back)


@requires(Capability.VIEW_MONITORING)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source", "duplicate_of"), pk=pk)
    versions = list(article.versions.all())
    diffs = [
        (older, newer, diff_lines(older.title + "\n" + older.text, newer.title + "\n" + newer.text))
        for older, newer in itertools.pairwise(versions)
    ]
    context = {
        "article": article,
        "versions": versions,
        "diffs": diffs,
        "raw_pages": article.raw_pages.only("pk", "fetched_at", "http_status", "final_url")[:10],
        "paragraphs": [p for p in article.text.split("\n") if p.strip()],
        "can_open_case": is_allowed(request.user, Capability.MANAGE_CASES),
    }
    return render(request, "monitoring/article_detail.html", context)


@requires(Capability.VIEW_MONITORING)
def raw_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored HTML as plain text (never rendered: it is someone else's page)."""
    raw = get_object_or_404(RawPage, pk=pk)
    body = raw.body.decode(raw.encoding or "utf-8", "replace")
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


urlpatterns: list[URLPattern] = [
    path("sources/", source_list, name="source_list"),
    path("sources/new/", source_create, name="source_create"),
    path("sources/<int:pk>/", source_detail, name="source_detail"),
    path("sources/<int:pk>/edit/", source_edit, name="source_edit"),
    path("sources/<int:pk>/poll/", source_poll, name="source_poll"),
    path("sources/<int:pk>/import/", source_import, name="source_import"),
    path("articles/", article_list, name="article_list"),
    path("articles/reprocess/", article_reprocess, name="article_reprocess"),
    path("articles/<int:pk>/", article_detail, name="article_detail"),
    path("raw/<int:pk>/", raw_page, name="raw_page"),
]
