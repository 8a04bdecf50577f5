"""Forms of the findings app: the review decision and the false-claims register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.choices import FindingStatus
from findings.models import FalseClaim


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FindingStatus.CONFIRMED, _("Confirm")),
            (FindingStatus.REJECTED, _("Reject")),
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class KeywordsField(forms.CharField):
    """Keywords typed one per line or separated by commas, stored as a list."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        parts = [p.strip() for line in text.splitlines() for p in line.split(",")]
        return list(dict.fromkeys(p for p in parts if p))


class FalseClaimForm(forms.ModelForm[FalseClaim]):
    keywords = KeywordsField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas; any order, with or without accents."),
    )

    class Meta:
        model = FalseClaim
        fields = ["text", "label", "keywords", "verified_on", "source_note", "active"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "verified_on": forms.DateInput(attrs={"type": "date"}),
            "source_note": forms.Textarea(attrs={"rows": 3}),
        }
