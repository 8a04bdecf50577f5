"""API viewsets generated from the registry type descriptors: list with filters, detail,
create and update. Deleting is not offered: close a record with its status."""

from __future__ import annotations

from typing import Any

import django_filters
from rest_framework import mixins, viewsets

from core.access import Capability
from core.querysets import search_folded
from registry.api.serializers import serializer_for
from registry.types import TYPES, RegistryType


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="text, with or without accents")

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return search_folded(queryset, value)


def viewset_for(registry_type: RegistryType) -> type[viewsets.GenericViewSet[Any]]:
    model = registry_type.model
    filterset = type(
        f"{model.__name__}FilterSet",
        (SearchFilterSet,),
        {"Meta": type("Meta", (), {"model": model, "fields": list(registry_type.filters)})},
    )
    attributes = {
        "__doc__": f"{model._meta.verbose_name_plural} (registry).",
        "required_capability": Capability.VIEW_REGISTRY,
        "write_capability": Capability.MANAGE_REGISTRY,
        "queryset": model._default_manager.select_related(*registry_type.select_related),
        "serializer_class": serializer_for(registry_type),
        "filterset_class": filterset,
    }
    bases = (
        mixins.ListModelMixin,
        mixins.RetrieveModelMixin,
        mixins.CreateModelMixin,
        mixins.UpdateModelMixin,
        viewsets.GenericViewSet,
    )
    return type(f"{model.__name__}ViewSet", bases, attributes)


VIEWSETS = {slug: viewset_for(registry_type) for slug, registry_type in TYPES.items()}
