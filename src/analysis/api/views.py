"""API of the analysis app: the token user's own alert inbox and watch topics."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from analysis import services
from analysis.api.serializers import AlertSerializer, TopicSerializer
from analysis.choices import AlertState
from analysis.models import Alert, Topic
from core.access import Capability
from core.api.filters import IsoDateTimeFilter


class AlertFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=AlertState.choices)
    since = IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = Alert
        fields = ["state", "since"]


class AcknowledgeSerializer(serializers.Serializer[dict[str, Any]]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), max_length=500
    )


class AcknowledgedSerializer(serializers.Serializer[dict[str, Any]]):
    acknowledged = serializers.IntegerField()


class AlertViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Alert]
):
    """The requesting user's own alerts (and those assigned to them); nobody else's."""

    required_capability = Capability.RECEIVE_ALERTS
    write_capability = Capability.RECEIVE_ALERTS
    serializer_class = AlertSerializer
    filterset_class = AlertFilter
    queryset = Alert.objects.none()

    def get_queryset(self) -> QuerySet[Alert]:
        return services.inbox(self.request.user)

    @extend_schema(request=None, responses=AcknowledgedSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        alert = self.get_object()
        count = services.acknowledge(Alert.objects.filter(pk=alert.pk))
        return Response({"acknowledged": count})

    @extend_schema(
        request=AcknowledgeSerializer,
        responses=AcknowledgedSerializer,
        operation_id="v1_analysis_alerts_acknowledge_many",
    )
    @action(detail=False, methods=["post"], url_path="acknowledge")
    def acknowledge_many(self, request: Request) -> Response:
        params = AcknowledgeSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        own = self.get_queryset().filter(pk__in=params.validated_data["ids"])
        return Response({"acknowledged": services.acknowledge(own)})


class TopicViewSet(viewsets.ModelViewSet[Topic]):
    """Watch topics (the office's analysts). The query is checked; errors give the position."""

    required_capability = Capability.MANAGE_ANALYSIS
    write_capability = Capability.MANAGE_ANALYSIS
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer

    def perform_create(self, serializer: Any) -> None:
        with transaction.atomic():
            topic = serializer.save(owner=self.request.user)
            services.sync_topic_rule(topic)

    def perform_update(self, serializer: Any) -> None:
        with transaction.atomic():
            topic = serializer.save()
            services.sync_topic_rule(topic)
