"""API of cases: list and detail (scoped to the user's unit), opening, workflow actions, the
evidence package; published results (public) and deadline rules.

Reads need VIEW_CASES; each write action names its capability in :data:`ACTION_CAPABILITIES`,
and the workflow table then decides on the case itself. Another unit's case is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.models import Unit
from cases import packages, publishing, sanctions, services, workflow
from cases.api import serializers as s
from cases.choices import SanctionStatus
from cases.models import Case, DeadlineRule, Publication
from cases.views.common import unit_id_of
from core.access import Capability, is_office, visible

ACTION_CAPABILITIES: dict[str, Capability] = {
    "create": Capability.MANAGE_CASES,
    "transition": Capability.VIEW_CASES,  # the workflow table decides who takes which step
    "assign": Capability.MANAGE_CASES,
    "respond": Capability.RESPOND_CASES,
    "propose_sanction": Capability.MANAGE_CASES,
    "decide_sanction": Capability.DECIDE_CASES,
    "publish": Capability.DECIDE_CASES,
}


def _workflow_error(error: workflow.TransitionError) -> Exception:
    if isinstance(error, workflow.TransitionNotAllowedError):
        return PermissionDenied(str(error))
    return ValidationError({"detail": str(error)})


class CaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Case],
):
    """Cases (a unit sees only the cases assigned to it)."""

    required_capability = Capability.VIEW_CASES
    queryset = Case.objects.select_related("sector")
    filterset_fields = ["state", "intake_kind", "sector", "urgency"]

    @property
    def write_capability(self) -> Capability | None:
        return ACTION_CAPABILITIES.get(self.action or "")

    def get_queryset(self) -> QuerySet[Case]:
        return visible(super().get_queryset(), self.request.user)

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        serializers: dict[str, type[BaseSerializer[Any]]] = {
            "retrieve": s.CaseDetailSerializer,
            "create": s.CaseCreateSerializer,
            "transition": s.StepSerializer,
            "assign": s.AssignSerializer,
            "respond": s.AnswerSerializer,
            "propose_sanction": s.ProposalSerializer,
            "decide_sanction": s.DecisionSerializer,
            "publish": s.PublishSerializer,
        }
        return serializers.get(self.action or "", s.CaseSerializer)

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        intake = services.Intake(
            title=data["title"],
            intake_kind=data.get("intake_kind", "manual"),
            summary=data.get("summary", ""),
            sector=data.get("sector"),
            urgency=data.get("urgency", "normal"),
            articles=data.get("articles", []),
            subjects={k: data.get(k) for k in services.SUBJECT_FIELDS},
            subject_text=data.get("subject_text", ""),
            persons=data.get("persons", []),
            source_kind=data.get("source_kind", ""),
            source_id=data.get("source_id", ""),
            source_label=data.get("source_label", ""),
        )
        serializer.instance = services.open_case(intake, self.request.user)

    def _input(self, request: Request) -> dict[str, Any]:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, case: Case) -> Response:
        case.refresh_from_db()
        data = s.CaseDetailSerializer(case, context=self.get_serializer_context()).data
        return Response(data)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        data = self._input(request)
        step = workflow.find(case.state, data["to"])
        if step is not None and step.via is not None:
            raise ValidationError({"to": "this step has its own action"})
        extra = {"referred_to": data["referred_to"]} if data["referred_to"] else {}
        try:
            workflow.transition(case, data["to"], request.user, data["comment"], **extra)
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        data = self._input(request)
        units = list(Unit.objects.filter(pk__in=data["units"]))
        if len(units) != len(set(data["units"])):
            raise ValidationError({"units": "unknown unit"})
        try:
            services.assign(
                case,
                request.user,
                units,
                due_date=data["due_date"],
                instructions=data["instructions"],
                comment=data["comment"],
            )
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        data = self._input(request)
        assignment = case.assignments.filter(unit_id=unit_id_of(request.user)).first()
        if assignment is None or not assignment.is_open:
            raise ValidationError({"detail": "no open assignment of your unit on this case"})
        try:
            services.respond(assignment, request.user, services.Answer(**data))
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def propose_sanction(self, request: Request, pk: str) -> Response:
        from registry.models import SanctionRule

        case = self.get_object()
        data = self._input(request)
        rule = SanctionRule.objects.filter(pk=data.pop("rule")).first()
        if rule is None:
            raise ValidationError({"rule": "unknown sanction rule"})
        try:
            sanctions.propose(case, request.user, sanctions.Proposal(rule=rule, **data))
        except sanctions.SanctionError as error:
            raise ValidationError({"detail": str(error)}) from error
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide_sanction(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        data = self._input(request)
        proposal = case.sanctions.filter(status=SanctionStatus.PROPOSED).last()
        if proposal is None:
            raise ValidationError({"detail": "no sanction is waiting for a decision"})
        try:
            if data["decision"] == "approve":
                if data["decision_date"] is None:
                    raise ValidationError({"decision_date": "required"})
                sanctions.approve(
                    proposal,
                    request.user,
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    comment=data["comment"],
                )
            else:
                sanctions.return_proposal(proposal, request.user, data["comment"])
        except sanctions.SanctionError as error:
            raise ValidationError({"detail": str(error)}) from error
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(responses=s.CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        data = self._input(request)
        try:
            publishing.publish(
                case,
                request.user,
                data["published_fields"],
                mask=data["mask"],
                comment=data["comment"],
            )
        except publishing.PublicationError as error:
            raise ValidationError({"detail": str(error)}) from error
        except workflow.TransitionError as error:
            raise _workflow_error(error) from error
        return self._detail(case)

    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(description="evidence package")}
    )
    @action(detail=True, methods=["get"])
    def package(self, request: Request, pk: str) -> HttpResponse:
        case = self.get_object()
        if not is_office(request.user):
            raise Http404
        name, content = packages.export_case(case)
        response = HttpResponse(content, content_type="application/zip", status=status.HTTP_200_OK)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PublicationViewSet(viewsets.ReadOnlyModelViewSet[Publication]):
    """Published handling results (public)."""

    required_capability = Capability.PUBLIC
    queryset = Publication.objects.all()
    serializer_class = s.PublicationSerializer


class DeadlineRuleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[DeadlineRule],
):
    """How many days units have to answer, by kind of case (configuration)."""

    required_capability = Capability.VIEW_CASES
    write_capability = Capability.MANAGE_CASES
    queryset = DeadlineRule.objects.all()
    serializer_class = s.DeadlineRuleSerializer


VIEWSETS: dict[str, tuple[type[viewsets.GenericViewSet[Any]], str]] = {
    "cases": (CaseViewSet, "case"),
    "case-publications": (PublicationViewSet, "case-publication"),
    "case-deadline-rules": (DeadlineRuleViewSet, "case-deadline-rule"),
}
