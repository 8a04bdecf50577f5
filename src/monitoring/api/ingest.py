"""`POST /api/v1/ingest/`: posts pushed by external social-media collectors (token auth)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.access import Capability
from core.context import acting
from monitoring import runner, store
from monitoring.choices import SourceKind
from monitoring.models import Source


class IngestItemSerializer(serializers.Serializer[dict[str, Any]]):
    url = serializers.URLField(max_length=1000)
    title = serializers.CharField(max_length=500, allow_blank=True, default="")
    text = serializers.CharField(max_length=200_000)
    author = serializers.CharField(max_length=250, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


MAX_ITEMS = 1000


class IngestSerializer(serializers.Serializer[dict[str, Any]]):
    source_id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.filter(kind__in=[SourceKind.PUSH, SourceKind.FILE], active=True),
        help_text="id of an active source of kind 'push' or 'file'",
    )
    items = IngestItemSerializer(many=True, allow_empty=False)

    def validate_items(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(items) > MAX_ITEMS:
            raise serializers.ValidationError(f"at most {MAX_ITEMS} items per request")
        return items


class IngestResultSerializer(serializers.Serializer[dict[str, Any]]):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    article_ids = serializers.ListField(child=serializers.IntegerField())


class IngestView(APIView):
    """Store up to 1,000 posts at once. The same URL sent again updates the stored text
    (a new version is kept when it changed). Times without an offset are Asia/Ho_Chi_Minh."""

    required_capability = Capability.MANAGE_SOURCES
    write_capability = Capability.MANAGE_SOURCES
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "ingest"

    @extend_schema(request=IngestSerializer, responses={201: IngestResultSerializer})
    def post(self, request: Request) -> Response:
        payload = IngestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        source: Source = payload.validated_data["source_id"]
        created = updated = 0
        ids: list[int] = []
        with acting(user=request.user, comment="ingest API"), transaction.atomic():
            for item in payload.validated_data["items"]:
                article, is_new = store.save_pushed(source, store.PushedItem(**item))
                runner.index_and_schedule(article)
                ids.append(article.pk)
                created += int(is_new)
                updated += int(not is_new)
        return Response({"created": created, "updated": updated, "article_ids": ids}, status=201)
