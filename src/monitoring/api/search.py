"""`GET /api/v1/search/`: full-text search over articles, the same engine as the search page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import Capability
from monitoring.choices import SourceKind
from monitoring.models import Article
from monitoring.search import MatchMode, SearchQuery, search
from registry.choices import AgencyLevel

PAGE_SIZE = 20
MAX_PAGE = 500
NO_LEVEL = "none"


class SearchParamsSerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(max_length=300, allow_blank=True, default="")
    date_from = serializers.DateField(required=False, allow_null=True, default=None)
    date_to = serializers.DateField(required=False, allow_null=True, default=None)
    # the query parameter is named ``source``; DRF collects it as a field like any other
    source = serializers.ListField(  # type: ignore[assignment]
        child=serializers.IntegerField(min_value=1), default=list
    )
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=SourceKind.choices), default=list
    )
    level = serializers.ListField(
        child=serializers.ChoiceField(choices=[*AgencyLevel.values, NO_LEVEL]), default=list
    )
    match = serializers.ChoiceField(choices=[m.value for m in MatchMode], default="all")
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, default=1)

    def to_query(self) -> SearchQuery:
        data = self.validated_data
        return SearchQuery(
            text=data["q"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            source_ids=tuple(data["source"]),
            source_kinds=tuple(data["kind"]),
            outlet_levels=tuple("" if v == NO_LEVEL else v for v in data["level"]),
            limit=PAGE_SIZE,
            offset=(data["page"] - 1) * PAGE_SIZE,
            match=MatchMode(data["match"]),
        )


class SearchHitSerializer(serializers.Serializer[dict[str, Any]]):
    article_id = serializers.IntegerField()
    url = serializers.CharField(help_text="the article's page")
    title_html = serializers.CharField(help_text="escaped title, matches in <mark>")
    snippet = serializers.CharField(help_text="escaped excerpt, matches in <mark>")
    rank = serializers.FloatField(help_text="larger is better; compare within one result only")
    outlet_name = serializers.CharField()
    source_kind = serializers.CharField()
    outlet_level = serializers.CharField(help_text="central, provincial, other_province or ''")
    published_at = serializers.DateTimeField(allow_null=True)


class SearchResponseSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField(help_text="matching articles in all")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    accent_insensitive = serializers.BooleanField(
        help_text="true when the query had no diacritics, so every spelling matched"
    )
    ranked_among = serializers.IntegerField(
        allow_null=True,
        help_text="null when every match was ranked; else the results were ranked among this"
        " many most recent matches (PostgreSQL, queries matching more than 5,000 articles)",
    )
    results = SearchHitSerializer(many=True)


def _list(name: str, description: str, kind: OpenApiTypes = OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(name, kind, many=True, explode=True, description=description)


class SearchView(APIView):
    """Articles matching the words of ``q``, best first. Words in double quotes form a phrase.
    Without any diacritic the query matches every spelling (``dak nong`` finds Đắk Nông and
    Đăk Nông); with diacritics it matches that spelling in either tone-mark style (hòa = hoà).
    Repeat ``source``, ``kind`` and ``level`` to allow several values."""

    required_capability = Capability.VIEW_MONITORING

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description='words and "phrases"'),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="published on or after"),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="published on or before"),
            _list("source", "source id", OpenApiTypes.INT),
            _list("kind", "source kind: " + ", ".join(SourceKind.values)),
            _list("level", "outlet level: " + ", ".join([*AgencyLevel.values, NO_LEVEL])),
            OpenApiParameter(
                "match",
                OpenApiTypes.STR,
                enum=["all", "any"],
                description="all words (default) or any word",
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description=f"{PAGE_SIZE} per page"),
        ],
        responses={200: SearchResponseSerializer},
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=_params(request))
        params.is_valid(raise_exception=True)
        query = params.to_query()
        result = search(query)
        articles = Article.objects.only("pk").in_bulk([hit.article_id for hit in result.hits])
        results = [
            {
                "article_id": hit.article_id,
                "url": articles[hit.article_id].get_absolute_url(),
                "title_html": hit.title_html,
                "snippet": hit.snippet,
                "rank": hit.rank,
                "outlet_name": hit.outlet_name,
                "source_kind": hit.source_kind,
                "outlet_level": hit.outlet_level,
                "published_at": hit.published_at,
            }
            for hit in result.hits
            if hit.article_id in articles
        ]
        body = {
            "count": result.total,
            "page": params.validated_data["page"],
            "page_size": PAGE_SIZE,
            "accent_insensitive": result.folded,
            "ranked_among": result.ranked_among,
            "results": results,
        }
        return Response(SearchResponseSerializer(body).data)


def _params(request: Request) -> dict[str, Any]:
    """The query string with the repeatable parameters as lists (empty values dropped)."""
    data: dict[str, Any] = {
        key: value for key, value in request.query_params.items() if value != ""
    }
    for name in ("source", "kind", "level"):
        data[name] = [v for v in request.query_params.getlist(name) if v != ""]
    return data
