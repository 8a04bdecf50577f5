"""API serializers generated from the registry type descriptors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accounts.models import Sector
from registry.choices import MediaType
from registry.types import RegistryType


class RegistrySerializer(serializers.ModelSerializer[Any]):
    """Validates list fields and the model's constraints (which DRF does not check itself)."""

    registry_type: RegistryType

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, str] = {}
        for name in self.registry_type.list_fields & attrs.keys():
            value = attrs[name]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[name] = "a list of strings"
        if isinstance(attrs.get("media_types"), list):
            unknown = set(attrs["media_types"]) - set(MediaType.values)
            if unknown:
                errors["media_types"] = f"unknown media types: {', '.join(sorted(unknown))}"
        if isinstance(attrs.get("scope_sectors"), list):
            known = set(Sector.objects.values_list("code", flat=True))
            unknown = set(attrs["scope_sectors"]) - known
            if unknown:
                errors["scope_sectors"] = f"unknown sectors: {', '.join(sorted(unknown))}"
        if errors:
            raise serializers.ValidationError(errors)
        candidate = self.instance or self.registry_type.model()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        try:
            candidate.validate_constraints()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


def serializer_for(registry_type: RegistryType) -> type[RegistrySerializer]:
    meta = type(
        "Meta",
        (),
        {
            "model": registry_type.model,
            "fields": ["id", *registry_type.fields, "created_at", "updated_at"],
            "read_only_fields": ["id", "created_at", "updated_at"],
        },
    )
    name = f"{registry_type.model.__name__}Serializer"
    return type(name, (RegistrySerializer,), {"Meta": meta, "registry_type": registry_type})
