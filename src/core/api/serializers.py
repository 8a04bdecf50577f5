from __future__ import annotations

from rest_framework import serializers

from core.models import ObjectChange


class ObjectChangeSerializer(serializers.ModelSerializer[ObjectChange]):
    object_type = serializers.CharField(source="content_type.model", read_only=True)

    class Meta:
        model = ObjectChange
        fields = [
            "id",
            "time",
            "user_name",
            "actor",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "prechange",
            "postchange",
            "changed_fields",
            "comment",
        ]
        read_only_fields = fields
