"""API serializers of cases. Nested parts are filtered for unit users (own assignment only)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from rest_framework import serializers

from cases.choices import IntakeKind, Urgency, VerificationResult, ViolatorType
from cases.models import (
    Assignment,
    Case,
    CaseEvent,
    DeadlineRule,
    Evidence,
    Publication,
    SanctionDecision,
)
from cases.publishing import PUBLIC_FIELDS
from core.access import is_office


class AssignmentSerializer(serializers.ModelSerializer[Assignment]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "unit",
            "unit_name",
            "due_date",
            "state",
            "instructions",
            "responded_at",
            "verification_result",
            "response_text",
            "response_published",
            "response_url",
            "correction_requested",
            "removal_requested",
            "reminder_sent_at",
            "escalated_at",
        ]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer[CaseEvent]):
    class Meta:
        model = CaseEvent
        fields = ["time", "actor_name", "from_state", "to_state", "action", "comment", "unit"]
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "url",
            "final_url",
            "http_status",
            "content_type",
            "sha256",
            "payload_sha256",
            "size",
            "captured_at",
            "capture_state",
            "failure",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, evidence: Evidence) -> str | None:
        if not evidence.is_captured:
            return None
        return reverse("cases:evidence_download", args=[evidence.case_id, evidence.pk])


class SanctionSerializer(serializers.ModelSerializer[SanctionDecision]):
    rule_label = serializers.CharField(source="rule.__str__", read_only=True)

    class Meta:
        model = SanctionDecision
        fields = [
            "id",
            "rule",
            "rule_label",
            "violator_type",
            "violator_name",
            "amount",
            "status",
            "override_confirmed",
            "override_reason",
            "decision_number",
            "decision_date",
            "approved_at",
        ]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer[Case]):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "summary",
            "intake_kind",
            "sector",
            "urgency",
            "state",
            "press_agency",
            "general_site",
            "social_account",
            "reporter",
            "subject_text",
            "persons",
            "articles",
            "source_kind",
            "source_id",
            "source_label",
            "referred_to",
            "created_at",
            "triaged_at",
            "assigned_at",
            "responded_at",
            "decided_at",
            "published_at",
            "closed_at",
        ]
        read_only_fields = [
            "id",
            "number",
            "state",
            "referred_to",
            "created_at",
            "triaged_at",
            "assigned_at",
            "responded_at",
            "decided_at",
            "published_at",
            "closed_at",
        ]


class CaseDetailSerializer(CaseSerializer):
    assignments = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)
    sanctions = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "assignments", "events", "evidence", "sanctions"]

    def _unit_id(self) -> int | None:
        user = self.context["request"].user
        return None if is_office(user) else getattr(user, "unit_id", -1)

    def get_assignments(self, case: Case) -> list[dict[str, Any]]:
        rows = case.assignments.select_related("unit")
        unit_id = self._unit_id()
        if unit_id is not None:
            rows = rows.filter(unit_id=unit_id)
        return list(AssignmentSerializer(rows, many=True).data)

    def get_events(self, case: Case) -> list[dict[str, Any]]:
        rows = case.events.all()
        unit_id = self._unit_id()
        if unit_id is not None:
            rows = rows.filter(Q(unit_id__isnull=True) | Q(unit_id=unit_id))
        return list(EventSerializer(rows, many=True).data)

    def get_sanctions(self, case: Case) -> list[dict[str, Any]]:
        if self._unit_id() is not None:
            return []
        return list(SanctionSerializer(case.sanctions.select_related("rule"), many=True).data)


class CaseCreateSerializer(CaseSerializer):
    intake_kind = serializers.ChoiceField(choices=IntakeKind.choices, default=IntakeKind.MANUAL)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)


class StepSerializer(serializers.Serializer[Any]):
    to = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    referred_to = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer[Any]):
    units = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    instructions = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer[Any]):
    verification_result = serializers.ChoiceField(choices=VerificationResult.choices)
    response_text = serializers.CharField()
    response_published = serializers.BooleanField(default=False)
    response_url = serializers.URLField(required=False, allow_blank=True, default="")
    correction_requested = serializers.BooleanField(default=False)
    removal_requested = serializers.BooleanField(default=False)


class ProposalSerializer(serializers.Serializer[Any]):
    rule = serializers.IntegerField()
    violator_type = serializers.ChoiceField(choices=ViolatorType.choices)
    violator_name = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.IntegerField(min_value=0)
    override_confirmed = serializers.BooleanField(default=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["approve", "return"])
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PublishSerializer(serializers.Serializer[Any]):
    published_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=list(PUBLIC_FIELDS)), min_length=1
    )
    mask = serializers.BooleanField(default=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PublicationSerializer(serializers.ModelSerializer[Publication]):
    class Meta:
        model = Publication
        fields = ["id", "title", "fields", "content", "published_at"]
        read_only_fields = fields


class DeadlineRuleSerializer(serializers.ModelSerializer[DeadlineRule]):
    class Meta:
        model = DeadlineRule
        fields = ["id", "code", "label", "days", "remind_before_days", "legal_basis"]
