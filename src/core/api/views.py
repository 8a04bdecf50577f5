"""API views of the core app: the change log and health."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import health
from core.access import Capability
from core.api.filters import IsoDateTimeFilter
from core.api.serializers import ObjectChangeSerializer
from core.models import ChangeAction, ObjectChange


class ObjectChangeFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices)
    object_type = django_filters.CharFilter(field_name="content_type__model")
    object_id = django_filters.CharFilter()
    user = django_filters.CharFilter(field_name="user_name")
    since = IsoDateTimeFilter(field_name="time", lookup_expr="gte")
    until = IsoDateTimeFilter(field_name="time", lookup_expr="lte")

    class Meta:
        model = ObjectChange
        fields = ["action", "object_type", "object_id", "user", "since", "until"]


class ObjectChangeViewSet(viewsets.ReadOnlyModelViewSet[ObjectChange]):
    """The audit trail: every create, update and delete of a domain record."""

    required_capability = Capability.VIEW_AUDIT
    queryset = ObjectChange.objects.select_related("content_type")
    serializer_class = ObjectChangeSerializer
    filterset_class = ObjectChangeFilter


class HealthView(APIView):
    """Database, queue, scheduler and job state (the same as /health/)."""

    required_capability = Capability.PUBLIC
    authentication_classes: list[type] = []

    @extend_schema(responses={200: dict, 503: dict})
    def get(self, request: Request) -> Response:
        state = health.check_all()
        return Response(state.as_dict(), status=200 if state.ok else 503)
