from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import Sector, Unit, User


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "aliases",
            "area",
            "valid_from",
            "valid_to",
            "successor",
            "email",
            "phone",
            "address",
            "needs_verification",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate_aliases(self, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise serializers.ValidationError("a list of strings")
        return [v.strip() for v in value if v.strip()]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The validity period must not end before it starts (else the database refuses it)."""
        start = attrs.get("valid_from", getattr(self.instance, "valid_from", None))
        end = attrs.get("valid_to", getattr(self.instance, "valid_to", None))
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError({"valid_to": "ends before valid_from"})
        return attrs


class SectorSerializer(serializers.ModelSerializer[Sector]):
    class Meta:
        model = Sector
        fields = ["code", "name", "name_en", "scope", "position", "responsible_unit"]
        read_only_fields = ["code", "name", "name_en", "scope", "position"]


class UserSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "role",
            "unit",
            "position",
            "phone",
            "is_active",
            "last_login",
        ]
        read_only_fields = ["id", "last_login"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Nobody changes their own role or deactivates their own account (lock-out)."""
        request = self.context.get("request")
        acting = getattr(request, "user", None)
        if self.instance is not None and acting is not None and self.instance.pk == acting.pk:
            if "role" in attrs and attrs["role"] != self.instance.role:
                raise serializers.ValidationError(
                    {"role": "you cannot change your own role; another administrator can"}
                )
            if attrs.get("is_active") is False:
                raise serializers.ValidationError(
                    {"is_active": "you cannot deactivate your own account"}
                )
        return attrs
