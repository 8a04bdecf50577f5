"""Forms of the plans app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from plans.choices import ProgressStatus
from plans.models import Inspection, Plan, PlanTask, PressOrder, TrainingEvent

PLAN_TYPES = (".txt", ".md", ".docx")
MAX_PLAN_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 10
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"), help_text=_("A .txt, .md or .docx file, at most 10 MB.")
    )

    def clean_file(self) -> UploadedFile[Any]:
        upload: UploadedFile[Any] = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(PLAN_TYPES):
            raise ValidationError(_("Only .txt, .md and .docx files can be imported."))
        if (upload.size or 0) > MAX_PLAN_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload


class PlanSettingsForm(forms.ModelForm[Plan]):
    class Meta:
        model = Plan
        fields = (
            "status",
            "report_cadence",
            "report_month",
            "report_day",
            "track_from",
            "track_to",
            "reminder_days",
        )
        widgets = {"track_from": DATE, "track_to": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("track_from"), data.get("track_to")
        if start and end and end < start:
            raise ValidationError(_("The tracking window ends before it starts."))
        month, day = data.get("report_month"), data.get("report_day")
        if month is not None and not 1 <= month <= 12:
            self.add_error("report_month", _("A month is 1 to 12."))
        if day is not None and not 1 <= day <= 31:
            self.add_error("report_day", _("A day is 1 to 31."))
        return data


class ResolveNameForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), label=_("Unit"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ProgressReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Documents, minutes or photos; at most 10 files of 20 MB each."),
    )

    def clean_attachments(self) -> list[UploadedFile[Any]]:
        files: list[UploadedFile[Any]] = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("At most 10 files."))
        for upload in files:
            if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
                raise ValidationError(_("%(name)s is larger than 20 MB.") % {"name": upload.name})
        return files


def _task_label(task: PlanTask) -> str:
    return f"{task.plan.number or task.plan_id} · {task}"


def _task_field(form: forms.ModelForm[Any]) -> None:
    field = form.fields.get("task")
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = PlanTask.objects.select_related("plan").order_by("plan", "order")
        field.label_from_instance = _task_label  # type: ignore[method-assign,assignment]


class TrainingEventForm(forms.ModelForm[TrainingEvent]):
    class Meta:
        model = TrainingEvent
        fields = (
            "kind",
            "title",
            "date",
            "organiser",
            "participants_count",
            "participants",
            "task",
            "notes",
        )
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _task_field(self)


class InspectionForm(forms.ModelForm[Inspection]):
    class Meta:
        model = Inspection
        fields = (
            "kind",
            "press_agency",
            "general_site",
            "date",
            "team",
            "findings",
            "status",
            "opens_case",
            "case_reference",
            "task",
        )
        widgets = {"date": DATE}
        help_texts = {
            "case_reference": _("The case number, once the case is opened."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _task_field(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("press_agency")) == bool(data.get("general_site")):
            raise ValidationError(_("Choose either a press agency or a general site."))
        return data


class PressOrderForm(forms.ModelForm[PressOrder]):
    class Meta:
        model = PressOrder
        fields = (
            "agency",
            "topic",
            "topic_query",
            "works_count",
            "period_start",
            "period_end",
            "budget_vnd",
            "status",
            "task",
            "note",
        )
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "topic_query": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _task_field(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise ValidationError(_("The period ends before it starts."))
        return data
