"""The forms of the reports pages: a new report run, the settings, a subscription."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from reports import periods
from reports.choices import Frequency, ReportKind
from reports.models import ReportSettings

PRESETS = (
    ("last_month", _("Last month")),
    ("this_month", _("This month")),
    ("day", _("One day (the date below)")),
    ("week", _("The week (Monday to Sunday) of the date below")),
    ("year", _("The year below")),
    ("half", _("The half-year below")),
    ("range", _("From … to … (the dates below)")),
)


class RunForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    preset = forms.ChoiceField(label=_("Period"), choices=PRESETS, initial="last_month")
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For one day or a week; also the start of a date range."),
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day of a date range."),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Half-year"),
        required=False,
        coerce=int,
        choices=((1, _("First half (January to June)")), (2, _("Second half (July to December)"))),
        empty_value=None,
    )
    plan = forms.ModelChoiceField(
        label=_("Plan (annual report)"), queryset=Plan.objects.none(), required=False
    )
    orientation = forms.CharField(
        label=_("Orientation for the coming month (briefing report)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Free text; one paragraph per line. It can be edited and generated again."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ModelChoiceField)
        plan_field.queryset = Plan.objects.order_by("-date", "-pk")
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        preset, kind = data.get("preset"), data.get("kind")
        if kind == ReportKind.ANNUAL:
            if data.get("plan") is None:
                self.add_error("plan", _("Choose the plan the annual report is about."))
            preset = "year"
        if kind == ReportKind.REPORTERS and preset not in ("half", "year"):
            preset = "half"
        data["period"] = self._period(str(preset), data)
        return data

    def _period(self, preset: str, data: dict[str, Any]) -> periods.Period | None:
        """The period of the preset, or None (with the error added to the form)."""
        today = timezone.localdate()
        year, day = data.get("year") or today.year, data.get("date")
        fixed = {
            "last_month": lambda: periods.last_month(today),
            "this_month": lambda: periods.this_month(today),
            "year": lambda: periods.year(year),
            "half": lambda: periods.half_year(
                year, data.get("half") or (1 if today.month <= 6 else 2)
            ),
        }
        if preset in fixed:
            return fixed[preset]()
        if preset in ("day", "week"):
            if day is None:
                self.add_error("date", _("Give the date."))
                return None
            if preset == "day":
                return periods.day(day)
            monday = day - datetime.timedelta(days=day.weekday())
            return periods.Period(monday, monday + datetime.timedelta(days=6))
        end = data.get("end")
        if day is None or end is None:
            self.add_error("end", _("Give both dates of the range."))
        elif end < day:
            self.add_error("end", _("The range ends before it starts."))
        elif (end - day).days > 366:
            self.add_error("end", _("A range covers at most one year."))
        else:
            return periods.Period(day, end)
        return None


class SettingsForm(forms.ModelForm[ReportSettings]):
    class Meta:
        model = ReportSettings
        fields = (
            "signer_authority",
            "signer_title",
            "signer_name",
            "briefing_addressees",
            "annual_addressees",
            "recipients",
        )
        widgets = {
            "briefing_addressees": forms.Textarea(attrs={"rows": 3}),
            "annual_addressees": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }


class SubscriptionForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
