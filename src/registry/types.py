"""One descriptor per registry type, shared by pages, forms, API, import/export and public lists.

Adding a registry model means adding one :class:`RegistryType` to :data:`TYPES` (see
docs/development/adding-a-registry-model.md); the generic views, API, import/export and search
pick it up from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registry.models import (
    GeneralSite,
    Licence,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    SocialAccount,
    SocialNetwork,
    Spokesperson,
    StateChannel,
)
from registry.models.base import RegistryRecord


@dataclass(frozen=True, slots=True)
class Related:
    """A list of related records shown on a detail page."""

    accessor: str  # reverse accessor on the record, e.g. "licences"
    label: str | Promise


@dataclass(frozen=True, slots=True)
class RegistryType:
    slug: str  # URL segment and API name, e.g. "agencies"
    model: type[RegistryRecord]
    label: str | Promise  # plural, for menus and headings
    fields: tuple[str, ...]  # edited in forms and API, exchanged by import/export, in this order
    list_columns: tuple[str, ...]  # columns of the list page (field names, "fk__field" paths)
    filters: tuple[str, ...] = ()  # choice, boolean and foreign-key fields offered as filters
    key_fields: tuple[str, ...] = ("name",)  # natural key: an import updates the matching row
    select_related: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    list_fields: frozenset[str] = field(default_factory=frozenset)  # JSON lists of strings

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name or ""

    def field(self, name: str) -> models.Field[object, object]:
        found = self.model._meta.get_field(name)
        assert isinstance(found, models.Field)
        return found


TYPES: dict[str, RegistryType] = {}


def register(registry_type: RegistryType) -> RegistryType:
    if registry_type.slug in TYPES:
        raise ValueError(f"registry type {registry_type.slug!r} registered twice")
    TYPES[registry_type.slug] = registry_type
    return registry_type


def type_for_model(model: type[models.Model]) -> RegistryType:
    for registry_type in TYPES.values():
        if registry_type.model is model:
            return registry_type
    raise LookupError(model)


COMMON = ("published", "needs_verification", "note")

register(
    RegistryType(
        slug="agencies",
        model=PressAgency,
        label=_("Press agencies"),
        fields=(
            "name",
            "aliases",
            "media_types",
            "level",
            "governing_body",
            "unit",
            "scope_text",
            "scope_sectors",
            "scope_keywords",
            "is_science_journal",
            "domains",
            "feeds",
            "head_office",
            "status",
            *COMMON,
        ),
        list_columns=("name", "level", "media_types", "governing_body", "status"),
        filters=("level", "status", "published", "needs_verification"),
        list_fields=frozenset(
            {"aliases", "media_types", "scope_sectors", "scope_keywords", "domains", "feeds"}
        ),
        related=(
            Related("licences", _("Licences")),
            Related("offices", _("Representative offices")),
            Related("reporters", _("Resident reporters")),
            Related("agreements", _("Republication agreements with sites")),
            Related("social_accounts", _("Social accounts")),
        ),
    )
)
register(
    RegistryType(
        slug="licences",
        model=Licence,
        label=_("Licences"),
        fields=(
            "kind",
            "number",
            "issuer",
            "issued_on",
            "expires_on",
            "scope",
            "status",
            "press_agency",
            "general_site",
            "social_network",
            *COMMON,
        ),
        list_columns=("number", "kind", "issuer", "issued_on", "expires_on", "status"),
        filters=("kind", "status", "published"),
        key_fields=("kind", "number", "issuer"),
        select_related=("press_agency", "general_site", "social_network"),
        related=(
            Related("status_changes", _("Status history")),
            Related("attachments", _("Scans")),
        ),
    )
)
register(
    RegistryType(
        slug="sites",
        model=GeneralSite,
        label=_("General e-information sites"),
        fields=(
            "name",
            "owner_organisation",
            "domains",
            "responsible_person",
            "responsible_title",
            "address",
            "status",
            *COMMON,
        ),
        list_columns=("name", "owner_organisation", "domains", "status", "published"),
        filters=("status", "published", "needs_verification"),
        list_fields=frozenset({"domains"}),
        related=(
            Related("licences", _("Licences")),
            Related("agreements", _("Written republication agreements")),
        ),
    )
)
register(
    RegistryType(
        slug="social-networks",
        model=SocialNetwork,
        label=_("Social networks"),
        fields=("name", "owner_organisation", "domains", "status", *COMMON),
        list_columns=("name", "owner_organisation", "domains", "status"),
        filters=("status", "published"),
        list_fields=frozenset({"domains"}),
        related=(Related("licences", _("Licences")),),
    )
)
register(
    RegistryType(
        slug="social-accounts",
        model=SocialAccount,
        label=_("Social accounts"),
        fields=(
            "platform",
            "name",
            "url",
            "owner_name",
            "owner_unit",
            "press_agency",
            "watched",
            *COMMON,
        ),
        list_columns=("name", "platform", "url", "owner_name", "watched"),
        filters=("platform", "watched", "owner_unit"),
        key_fields=("url",),
        select_related=("owner_unit", "press_agency"),
    )
)
register(
    RegistryType(
        slug="offices",
        model=RepresentativeOffice,
        label=_("Representative offices"),
        fields=(
            "agency",
            "name",
            "address",
            "head_name",
            "card_number",
            "card_agency",
            "card_expires_on",
            "phone",
            "email",
            "opened_on",
            "status",
            *COMMON,
        ),
        list_columns=("agency", "address", "head_name", "card_expires_on", "status"),
        filters=("status", "published", "agency"),
        key_fields=("agency", "address"),
        select_related=("agency", "card_agency"),
        related=(Related("reporters", _("Resident reporters")), Related("notices", _("Notices"))),
    )
)
register(
    RegistryType(
        slug="reporters",
        model=ResidentReporter,
        label=_("Resident reporters"),
        fields=(
            "agency",
            "office",
            "full_name",
            "card_number",
            "card_agency",
            "card_expires_on",
            "phone",
            "email",
            "started_on",
            "ended_on",
            "status",
            *COMMON,
        ),
        list_columns=("full_name", "agency", "card_number", "card_expires_on", "status"),
        filters=("status", "published", "agency"),
        key_fields=("agency", "full_name"),
        select_related=("agency", "card_agency", "office"),
        related=(Related("notices", _("Notices")), Related("evaluations", _("Reviews"))),
    )
)
register(
    RegistryType(
        slug="channels",
        model=StateChannel,
        label=_("State e-channels"),
        fields=(
            "kind",
            "name",
            "url",
            "owner_unit",
            "administrator",
            "administrator_contact",
            "rules_accepted_on",
            "status",
            *COMMON,
        ),
        list_columns=("name", "kind", "owner_unit", "url", "status"),
        filters=("kind", "status", "owner_unit"),
        key_fields=("url",),
        select_related=("owner_unit",),
    )
)
register(
    RegistryType(
        slug="spokespersons",
        model=Spokesperson,
        label=_("Spokespersons"),
        fields=(
            "unit",
            "full_name",
            "position",
            "phone",
            "email",
            "appointed_on",
            "ended_on",
            "document",
            *COMMON,
        ),
        list_columns=("full_name", "unit", "position", "phone", "appointed_on", "ended_on"),
        filters=("unit", "published"),
        key_fields=("unit", "full_name"),
        select_related=("unit",),
    )
)
