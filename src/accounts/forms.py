"""Forms of the accounts app: sign-in, units, sectors and users."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.models import Sector, Unit, User
from accounts.models.users import UNIT_ROLES
from core.mail import queue_email


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to check the password while the user name or address is locked out."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed sign-ins. Sign-in for this account is locked for %(minutes)s minutes."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip()
        address = throttle.client_address(self.request) if self.request else None
        if username and throttle.is_locked(username, address):
            from django.conf import settings

            raise ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                throttle.record_failure(username, address)
            raise
        throttle.clear_failures(username)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the durable outbox."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_email([to_email], subject, body)


class LinesField(forms.CharField):
    """A list of strings edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in str(text).splitlines() if line.strip()]


class UnitForm(forms.ModelForm[Unit]):
    aliases = LinesField(label=_("Aliases"), required=False, help_text=_("One name per line."))

    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "aliases",
            "area",
            "valid_from",
            "valid_to",
            "successor",
            "press_successor",
            "email",
            "phone",
            "address",
            "needs_verification",
            "note",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date is before the start date."))
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk is not None and parent.pk == self.instance.pk:
            self.add_error("parent", _("A unit cannot be its own parent."))
        return cleaned


class SectorForm(forms.ModelForm[Sector]):
    class Meta:
        model = Sector
        fields = ["responsible_unit"]


class UserForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = [
            "username",
            "full_name",
            "email",
            "role",
            "unit",
            "position",
            "phone",
            "is_active",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") in UNIT_ROLES and not cleaned.get("unit"):
            self.add_error("unit", _("This role acts for a unit: choose the unit."))
        return cleaned


class OwnAccountForm(UserForm):
    """An administrator editing their own account cannot change their role or deactivate it (it
    would lock the installation's last administrator out): those fields are shown, not editable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("role", "is_active"):
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Another administrator can change this.")


class UserCreateForm(UserForm):
    """A new account gets no password: it is e-mailed a link to set one."""

    def save(self, commit: bool = True) -> User:  # noqa: FBT001, FBT002  (Django's signature)
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            send_welcome(user)
        return user


def send_welcome(user: User) -> None:
    """E-mail a new account its set-password link (through the outbox)."""
    if not user.email:
        return
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.template import loader
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": settings.SITE_URL + path}
    subject = loader.render_to_string("registration/welcome_subject.txt", context).strip()
    body = loader.render_to_string("registration/welcome_email.txt", context)
    queue_email([user.email], subject, body)
