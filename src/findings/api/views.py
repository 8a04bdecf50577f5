"""API of the findings app: findings (list, detail, review) and the false-claims register."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.access import Capability, visible
from core.api.filters import IsoDateTimeFilter
from findings import services
from findings.api.serializers import FalseClaimSerializer, FindingSerializer, ReviewSerializer
from findings.choices import Detector, FindingStatus
from findings.models import FalseClaim, Finding


class FindingFilter(django_filters.FilterSet):
    detector = django_filters.ChoiceFilter(choices=Detector.choices)
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices)
    subject = django_filters.CharFilter(field_name="subject_label", lookup_expr="icontains")
    since = IsoDateTimeFilter(field_name="detected_at", lookup_expr="gte")

    class Meta:
        model = Finding
        fields = ["detector", "status", "subject", "since", "general_site", "press_agency"]


class FindingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Finding]
):
    """Findings: proposals for an officer; ``review`` confirms or rejects one."""

    required_capability = Capability.VIEW_FINDINGS
    write_capability = Capability.REVIEW_FINDINGS
    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    queryset = Finding.objects.none()

    def get_queryset(self) -> QuerySet[Finding]:
        return visible(
            Finding.objects.prefetch_related("finding_items__article"), self.request.user
        )

    @extend_schema(request=ReviewSerializer, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        finding = self.get_object()
        params = ReviewSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        services.review(finding, request.user, data["decision"], data.get("note", ""))
        return Response(FindingSerializer(finding).data)


class FalseClaimViewSet(viewsets.ModelViewSet[FalseClaim]):
    """The register of claims verified false (VAFC labels)."""

    required_capability = Capability.REVIEW_FINDINGS
    write_capability = Capability.REVIEW_FINDINGS
    serializer_class = FalseClaimSerializer
    queryset = FalseClaim.objects.all()
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        services.save_claim(serializer.save())

    def perform_update(self, serializer: Any) -> None:
        services.save_claim(serializer.save())
