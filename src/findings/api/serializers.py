from __future__ import annotations

from typing import Any

from rest_framework import serializers

from findings.choices import FindingStatus
from findings.models import FalseClaim, Finding, FindingItem


class FindingItemSerializer(serializers.ModelSerializer[FindingItem]):
    url = serializers.CharField(source="article.url", read_only=True)
    title = serializers.CharField(source="article.title", read_only=True)
    published_at = serializers.DateTimeField(source="article.published_at", read_only=True)
    removed_at = serializers.DateTimeField(source="article.removed_at", read_only=True)

    class Meta:
        model = FindingItem
        fields = ["article", "role", "url", "title", "published_at", "removed_at"]
        read_only_fields = fields


class SanctionRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    citation = serializers.CharField()
    violation = serializers.CharField()
    confidence = serializers.CharField()
    uncertain = serializers.BooleanField(source="is_uncertain")


class FindingSerializer(serializers.ModelSerializer[Finding]):
    explanation = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    items = FindingItemSerializer(source="finding_items", many=True, read_only=True)
    sanctions = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "title",
            "detector",
            "rule_code",
            "rule",
            "sanction_refs",
            "sanctions",
            "needs_verification",
            "general_site",
            "press_agency",
            "social_account",
            "subject_source",
            "subject_label",
            "items",
            "occurred_at",
            "detected_at",
            "evidence",
            "figures",
            "score",
            "template",
            "params",
            "explanation",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
        ]
        read_only_fields = fields

    def get_sanctions(self, finding: Finding) -> list[dict[str, Any]]:
        return [dict(SanctionRowSerializer(row).data) for row in finding.sanction_rows()]


class ReviewSerializer(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(
        choices=[FindingStatus.CONFIRMED.value, FindingStatus.REJECTED.value]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class FalseClaimSerializer(serializers.ModelSerializer[FalseClaim]):
    keywords = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = FalseClaim
        fields = [
            "id",
            "text",
            "label",
            "keywords",
            "verified_on",
            "source_note",
            "active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
