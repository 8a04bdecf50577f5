"""Public pages (no sign-in): published handling results and their RSS feed (plan I.2).

Only :class:`~cases.models.Publication` rows are read: the text fixed and masked at publication,
never the case itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Publication
from cases.publishing import PUBLIC_FIELDS
from core.access import Capability, requires
from core.htmx import paginate

FEED_SIZE = 50


def published() -> QuerySet[Publication]:
    return Publication.objects.all()


def _entries(publication: Publication) -> list[tuple[Any, str]]:
    return [
        (PUBLIC_FIELDS[name], publication.content.get(name, ""))
        for name in publication.fields
        if name in PUBLIC_FIELDS and publication.content.get(name)
    ]


@requires(Capability.PUBLIC)
def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/public/list.html", {"page": paginate(request, published(), 20)})


@requires(Capability.PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(published(), pk=pk)
    context = {"publication": publication, "entries": _entries(publication)}
    return render(request, "cases/public/detail.html", context)


class ResultsFeed(Feed[Publication, None]):
    """RSS 2.0 of the latest published results."""

    required_capability = Capability.PUBLIC
    title = _("Published results of handling press violations")
    description = _("Results the provincial press authority publishes (plan I.2).")

    def link(self) -> str:
        return reverse("cases:public_list")

    def items(self) -> list[Publication]:
        return list(published()[:FEED_SIZE])

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return "\n".join(f"{label}: {text}" for label, text in _entries(item))

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication) -> Any:
        return item.published_at


urlpatterns: list[URLPattern] = [
    path("public/", public_list, name="public_list"),
    path("public/feed.xml", ResultsFeed(), name="public_feed"),
    path("public/<int:pk>/", public_detail, name="public_detail"),
]
