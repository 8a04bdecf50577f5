from __future__ import annotations

from typing import Any

from rest_framework import serializers

from analysis import explain
from analysis.models import Alert, Topic


class AlertSerializer(serializers.ModelSerializer[Alert]):
    rule_name = serializers.CharField(source="rule.name", read_only=True)
    rule_kind = serializers.CharField(source="rule.kind", read_only=True)
    explanation_text = serializers.SerializerMethodField()
    article_url = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = [
            "id",
            "rule",
            "rule_name",
            "rule_kind",
            "story_key",
            "article",
            "article_url",
            "title",
            "explanation",
            "explanation_text",
            "units",
            "created_at",
            "state",
            "assigned_to",
            "acknowledged_at",
        ]
        read_only_fields = fields

    def get_explanation_text(self, alert: Alert) -> list[str]:
        return explain.render(alert.explanation)

    def get_article_url(self, alert: Alert) -> str | None:
        return alert.article.url if alert.article is not None else None


class TopicSerializer(serializers.ModelSerializer[Topic]):
    class Meta:
        model = Topic
        fields = [
            "id",
            "name",
            "query",
            "accent_insensitive",
            "owner",
            "active",
            "alert_on_match",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "owner", "created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from analysis.topic_search import check_query

        instance = self.instance if isinstance(self.instance, Topic) else None
        query = attrs.get("query", instance.query if instance else "")
        accent = attrs.get("accent_insensitive", instance.accent_insensitive if instance else False)
        problem = check_query(str(query), accent_insensitive=bool(accent))
        if problem is not None:
            raise serializers.ValidationError(
                {"query": [f"{problem.text} (position {problem.position})"]}
            )
        return attrs
