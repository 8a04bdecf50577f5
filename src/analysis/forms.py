"""Forms of the analysis app: topics, alert rules, lexicon entries, corrections, inbox actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector, User
from analysis.choices import Channel, RuleKind, ToneLabel
from analysis.models import AlertRule, LexiconEntry, Topic
from core.access import GRANTS, Capability


class TopicForm(forms.ModelForm[Topic]):
    class Meta:
        model = Topic
        fields = ["name", "query", "accent_insensitive", "active", "alert_on_match"]
        widgets = {"query": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"})}

    def clean_query(self) -> str:
        from analysis.topic_search import check_query

        query = str(self.cleaned_data["query"]).strip()
        error = check_query(query, accent_insensitive=bool(self.data.get("accent_insensitive")))
        if error is not None:
            raise ValidationError(error.text)
        return query


def alert_receivers() -> Any:
    roles = [role.value for role in GRANTS[Capability.RECEIVE_ALERTS]]
    return User.objects.filter(is_active=True, role__in=roles)


class AlertRuleForm(forms.ModelForm[AlertRule]):
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.INBOX],
    )
    webhook_url = forms.URLField(
        label=_("Webhook address"), required=False, max_length=500, assume_scheme="https"
    )
    webhook_secret = forms.CharField(
        label=_("Webhook secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current secret."),
    )

    class Meta:
        model = AlertRule
        fields = [
            "name",
            "kind",
            "topic",
            "users",
            "units",
            "route_to_units",
            "channels",
            "batching",
            "webhook_url",
            "webhook_secret",
            "mute_until",
            "active",
        ]
        widgets = {
            "users": forms.SelectMultiple(attrs={"size": 6}),
            "units": forms.SelectMultiple(attrs={"size": 6}),
            "mute_until": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = alert_receivers()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == RuleKind.TOPIC_MATCH and not data.get("topic"):
            self.add_error("topic", _("A topic-match rule needs a topic."))
        if Channel.WEBHOOK in (data.get("channels") or []) and not data.get("webhook_url"):
            self.add_error("webhook_url", _("The webhook channel needs an address."))
        if not data.get("webhook_secret") and self.instance.pk:
            data["webhook_secret"] = self.instance.webhook_secret
        return data


class LexiconEntryForm(forms.ModelForm[LexiconEntry]):
    class Meta:
        model = LexiconEntry
        fields = ["kind", "sector", "term", "weight", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.all()  # type: ignore[attr-defined]


class ToneCorrectionForm(forms.Form):
    tone = forms.ChoiceField(label=_("Tone"), choices=ToneLabel.choices)


class SectorCorrectionForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Primary sector"), queryset=Sector.objects.all(), to_field_name="code"
    )


class ProvinceCorrectionForm(forms.Form):
    about_province = forms.TypedChoiceField(
        label=_("About the province"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from core.access import is_office

        people = alert_receivers()
        if not is_office(user):
            people = people.filter(unit_id=user.unit_id)
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]


class MuteForm(forms.Form):
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=24 * 30, initial=24)
