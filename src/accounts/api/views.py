"""API of the accounts app: units, sectors and user accounts."""

from __future__ import annotations

import django_filters
from rest_framework import mixins, viewsets

from accounts.api.serializers import SectorSerializer, UnitSerializer, UserSerializer
from accounts.models import Sector, Unit, UnitKind, User
from core.access import Capability, Role


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="name, short name or alias")
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
    valid_on = django_filters.DateFilter(method="filter_valid_on")

    class Meta:
        model = Unit
        fields = ["q", "kind", "valid_on", "parent", "area", "needs_verification"]

    def search(self, queryset: object, name: str, value: str) -> object:
        return Unit.objects.filter(pk__in=queryset).search(value)  # type: ignore[misc]

    def filter_valid_on(self, queryset: object, name: str, value: object) -> object:
        return queryset.valid_on(value)  # type: ignore[attr-defined]


class UnitViewSet(viewsets.ModelViewSet[Unit]):
    """Organisations that receive work. Deleting is not offered: end a unit with valid_to."""

    required_capability = Capability.VIEW_DIRECTORY
    write_capability = Capability.MANAGE_UNITS
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    queryset = Unit.objects.all()
    serializer_class = UnitSerializer
    filterset_class = UnitFilter


class SectorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Sector],
):
    """The fixed sector list; only the responsible unit can be changed."""

    required_capability = Capability.VIEW_DIRECTORY
    write_capability = Capability.MANAGE_UNITS
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = User
        fields = ["role", "unit", "is_active"]


class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[User],
):
    """Accounts (administrators only). Create accounts in the UI, which e-mails the set-password
    link; deactivate with is_active=false."""

    required_capability = Capability.MANAGE_USERS
    write_capability = Capability.MANAGE_USERS
    queryset = User.objects.all()
    serializer_class = UserSerializer
    filterset_class = UserFilter
