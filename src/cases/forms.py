"""Forms of the cases app (labels are English msgids; the UI shows their translations)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import LinesField
from accounts.models import Unit
from cases import deadlines, numbering
from cases.choices import VerificationResult, ViolatorType
from cases.models import Case, DeadlineRule, LetterRegister
from cases.publishing import DEFAULT_FIELDS, PUBLIC_FIELDS
from monitoring.models import Article
from registry.models import SanctionRule

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


class CaseForm(forms.ModelForm[Case]):
    persons = LinesField(
        label=_("People named"),
        required=False,
        help_text=_("Names of private persons, one per line; they are masked when published."),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "intake_kind",
            "urgency",
            "sector",
            "press_agency",
            "general_site",
            "social_account",
            "reporter",
            "subject_text",
            "persons",
            "source_label",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class AssignForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to use the deadline rule for this kind of case."),
    )
    instructions = forms.CharField(
        label=_("What is asked"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.valid_on(timezone.localdate())  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    verification_result = forms.ChoiceField(
        label=_("Verification result"), choices=VerificationResult.choices
    )
    response_text = forms.CharField(
        label=_("Response"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    response_published = forms.BooleanField(
        label=_("The response was published in the press"), required=False
    )
    response_url = forms.URLField(
        label=_("Address of the published response"), required=False, assume_scheme="https"
    )
    correction_requested = forms.BooleanField(
        label=_("A correction was requested from the outlet"), required=False
    )
    removal_requested = forms.BooleanField(
        label=_("Removal of the content was requested"), required=False
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 25 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("response_published") and not data.get("response_url"):
            self.add_error("response_url", _("Give the address of the published response."))
        return data


class EvidenceForm(forms.Form):
    """One of: a URL to capture now, a stored page of a linked article, or a file."""

    url = forms.URLField(
        label=_("Address to capture"), required=False, max_length=1000, assume_scheme="https"
    )
    article: forms.ModelChoiceField[Article] = forms.ModelChoiceField(
        label=_("Stored page of a linked article"),
        queryset=Article.objects.none(),
        required=False,
    )
    file = forms.FileField(label=_("File"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = case.articles.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in ("url", "article", "file") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(_("Give exactly one: an address, an article or a file."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 25 MB."))
        return data


class LetterForm(forms.Form):
    """A draft letter; its number comes from the register when it is issued."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    subject = forms.CharField(label=_("Subject (V/v)"), max_length=300)
    recipients_to = LinesField(label=_("Addressed to (Kính gửi)"))
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 12}))
    recipients = LinesField(label=_("Copies to (Nơi nhận)"), required=False)
    signer_authority = forms.CharField(
        label=_("Signing authority"), required=False, max_length=20, help_text="KT., TL., TM."
    )
    signer_title = forms.CharField(label=_("Signer's position"), max_length=150)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)


def _sanction_rules() -> Any:
    return SanctionRule.objects.all()


class ProposalForm(forms.Form):
    rule: forms.ModelChoiceField[SanctionRule] = forms.ModelChoiceField(
        label=_("Sanction rule"), queryset=SanctionRule.objects.none()
    )
    violator_type = forms.ChoiceField(label=_("Violator"), choices=ViolatorType.choices)
    violator_name = forms.CharField(label=_("Violator's name"), required=False, max_length=250)
    amount = forms.IntegerField(label=_("Fine (VND)"), min_value=0)
    override_confirmed = forms.BooleanField(
        label=_("I know this rule is not confirmed and use it anyway"), required=False
    )
    override_reason = forms.CharField(
        label=_("Reason for using an unconfirmed rule"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rule"]
        field.queryset = _sanction_rules()  # type: ignore[attr-defined]
        field.label_from_instance = rule_label  # type: ignore[attr-defined]


def rule_label(rule: Any) -> str:
    mark = "" if str(rule.confidence) == "S" else f" [{_('NOT CONFIRMED')}]"
    return f"{rule}{mark}"


class DecisionForm(forms.Form):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the sanction")), (RETURN, _("Return the proposal"))],
        widget=forms.RadioSelect,
    )
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.APPROVE:
            if not data.get("decision_number"):
                self.add_error("decision_number", _("Give the decision number."))
            if not data.get("decision_date"):
                self.add_error("decision_date", _("Give the decision date."))
        elif data.get("decision") == self.RETURN and not data.get("comment"):
            self.add_error("comment", _("Say why the proposal is returned."))
        return data


class PublishForm(forms.Form):
    fields_chosen = forms.MultipleChoiceField(
        label=_("Fields to publish"),
        choices=list(PUBLIC_FIELDS.items()),
        initial=list(DEFAULT_FIELDS),
        widget=forms.CheckboxSelectMultiple,
    )
    mask = forms.BooleanField(
        label=_("Mask personal names, phone numbers and e-mail addresses"),
        required=False,
        initial=True,
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)


class StepForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=250)


class CaseEditForm(forms.ModelForm[Case]):
    """What may change after the case is opened: description, subjects, linked articles."""

    persons = LinesField(
        label=_("People named"),
        required=False,
        help_text=_("Names of private persons, one per line; they are masked when published."),
    )
    linked = forms.ModelMultipleChoiceField(
        label=_("Linked articles (untick to unlink)"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    add_articles = LinesField(
        label=_("Link more articles"),
        required=False,
        help_text=_("One per line: the article's number in PressWatch or its address."),
    )
    comment = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        help_text=_("Kept in the change history with the change."),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "urgency",
            "sector",
            "press_agency",
            "general_site",
            "social_account",
            "reporter",
            "subject_text",
            "persons",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        linked = self.instance.articles.all() if self.instance.pk else Article.objects.none()
        self.fields["linked"].queryset = linked  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["linked"] = list(linked)

    def clean_add_articles(self) -> list[Article]:
        found: list[Article] = []
        unknown: list[str] = []
        for line in self.cleaned_data.get("add_articles") or []:
            query = Article.objects.filter(pk=int(line)) if line.isdigit() else None
            if query is None:
                query = Article.objects.filter(url=line)
            article = query.first()
            if article is None:
                unknown.append(line)
            else:
                found.append(article)
        if unknown:
            raise forms.ValidationError(
                _("No article found for: %(lines)s") % {"lines": ", ".join(unknown)}
            )
        return found

    def articles(self) -> list[Article]:
        """The articles the case should link after the change."""
        kept = list(self.cleaned_data.get("linked") or [])
        return kept + [a for a in self.cleaned_data.get("add_articles") or [] if a not in kept]


class UnitReportForm(forms.Form):
    """A unit reports an article about its field (plan task 5.2)."""

    url = forms.URLField(label=_("Address of the article"), max_length=1000, assume_scheme="https")
    title = forms.CharField(
        label=_("Title of the article"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to use the address."),
    )
    note = forms.CharField(
        label=_("What is wrong or needs following up"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class DeadlineRuleForm(forms.ModelForm[DeadlineRule]):
    class Meta:
        model = DeadlineRule
        fields = ["label", "days", "remind_before_days", "legal_basis"]

    comment = forms.CharField(label=_("Reason for the change"), required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        days, remind = data.get("days"), data.get("remind_before_days")
        if days is not None and days < 1:
            self.add_error("days", _("Give at least one day."))
        if days is not None and remind is not None and remind >= days:
            self.add_error("remind_before_days", _("The reminder must come before the due date."))
        limit = deadlines.LEGAL_MAXIMUM_DAYS.get(self.instance.code)
        if limit is not None and days is not None and days > limit:
            self.add_error(
                "days",
                _("The law sets at most %(days)s days for this kind of case.") % {"days": limit},
            )
        return data


class IssueLetterForm(forms.Form):
    division = forms.CharField(
        label=_("Division code in the symbol"),
        required=False,
        max_length=20,
        help_text=_('Optional, e.g. "TTBCXB" gives "…/SVHTTDL-TTBCXB".'),
    )

    def clean_division(self) -> str:
        value = str(self.cleaned_data.get("division") or "").strip().upper()
        if value and not numbering.DIVISION.match(value):
            raise forms.ValidationError(_("Use capital letters and digits only."))
        return value


class RegisterForm(forms.ModelForm[LetterRegister]):
    """Set where a register stands (e.g. the paper register was already in use this year)."""

    class Meta:
        model = LetterRegister
        fields = ["last_number"]

    comment = forms.CharField(label=_("Reason for the change"), required=False, max_length=1000)

    def __init__(self, *args: Any, highest_issued: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.highest_issued = highest_issued

    def clean_last_number(self) -> int:
        value = int(self.cleaned_data["last_number"])
        if value < self.highest_issued:
            raise forms.ValidationError(
                _("Number %(number)s has already been issued; a register never goes back.")
                % {"number": self.highest_issued}
            )
        return value
