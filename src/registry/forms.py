"""Forms built from the registry type descriptors (one factory, every type)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.forms import LinesField
from accounts.models import Sector
from registry.choices import MediaType
from registry.models import (
    LicenceAttachment,
    LicenceStatusChange,
    Notice,
    RepublicationAgreement,
)
from registry.types import RegistryType

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChoiceListField(forms.MultipleChoiceField):
    """A JSON list of choice values edited as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value: Any) -> Any:
        return list(value or [])


def _sector_choices() -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in Sector.objects.order_by("position")]


def _formfield(field: models.Field[Any, Any], registry_type: RegistryType) -> forms.Field | None:
    if field.name == "media_types":
        return ChoiceListField(label=field.verbose_name, choices=MediaType.choices, required=False)
    if field.name == "scope_sectors":
        return ChoiceListField(label=field.verbose_name, choices=_sector_choices, required=False)
    if field.name in registry_type.list_fields:
        return LinesField(
            label=field.verbose_name, required=False, help_text=_("One item per line.")
        )
    if isinstance(field, models.URLField):
        return field.formfield(assume_scheme="https")
    if isinstance(field, models.DateField):
        return field.formfield(widget=DATE_WIDGET)
    if isinstance(field, models.TextField):
        return field.formfield(widget=forms.Textarea(attrs={"rows": 3}))
    return field.formfield()


def record_form(registry_type: RegistryType) -> type[forms.ModelForm[Any]]:
    """A ModelForm class for the type's ``fields``."""
    return forms.modelform_factory(
        registry_type.model,
        fields=list(registry_type.fields),
        formfield_callback=lambda field: _formfield(field, registry_type),
    )


class LicenceStatusChangeForm(forms.ModelForm[LicenceStatusChange]):
    class Meta:
        model = LicenceStatusChange
        fields = ["status", "effective_on", "until", "decision", "note"]
        widgets = {
            "effective_on": DATE_WIDGET,
            "until": DATE_WIDGET,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class LicenceAttachmentForm(forms.ModelForm[LicenceAttachment]):
    class Meta:
        model = LicenceAttachment
        fields = ["title", "file"]


class AgreementForm(forms.ModelForm[RepublicationAgreement]):
    class Meta:
        model = RepublicationAgreement
        fields = ["press_agency", "document", "signed_on", "valid_from", "valid_to"]
        widgets = {"signed_on": DATE_WIDGET, "valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}


class NoticeForm(forms.ModelForm[Notice]):
    class Meta:
        model = Notice
        fields = ["kind", "document", "sent_on", "received_on", "effective_on", "note"]
        widgets = {
            "sent_on": DATE_WIDGET,
            "received_on": DATE_WIDGET,
            "effective_on": DATE_WIDGET,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
