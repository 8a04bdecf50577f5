"""Two-step sign-in (optional, TOTP): sign-in with a code, setting it up, turning it off, and an
administrator's reset for someone who lost their phone."""

from __future__ import annotations

import time
from typing import Any

import segno
from django import forms
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import throttle, totp
from accounts.forms import ThrottledAuthenticationForm
from accounts.models import User
from core.access import Capability, requires

PENDING = "two_step_pending"
SETUP = "two_step_setup"
PENDING_SECONDS = 300
ISSUER = "PressWatch"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class DisableForm(CodeForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class LoginView(auth_views.LoginView):
    """Password first; accounts with two-step sign-in then give a code on the next page."""

    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not user.totp_enabled:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", ""),
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:login_code")


login = requires(Capability.PUBLIC)(LoginView.as_view())


@requires(Capability.PUBLIC)
def login_code(request: HttpRequest) -> HttpResponseBase:
    pending = request.session.get(PENDING)
    if not pending or time.time() - float(pending["at"]) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the code page expired."))
        return redirect("accounts:login")
    user = get_object_or_404(User, pk=pending["user"], is_active=True)
    form = CodeForm(request.POST or None)
    address = throttle.client_address(request)
    if request.method == "POST" and form.is_valid():
        if throttle.is_locked(user.username, address):
            form.add_error(None, _("Too many failed attempts. Try again later."))
        else:
            step = totp.verify(
                user.totp_secret, form.cleaned_data["code"], last_step=user.totp_last_step
            )
            if step is None:
                throttle.record_failure(user.username, address)
                form.add_error("code", _("The code is wrong or has already been used."))
            else:
                User.objects.filter(pk=user.pk).update(totp_last_step=step)
                request.session.pop(PENDING, None)
                auth.login(request, user, backend=pending["backend"] or None)
                throttle.clear_failures(user.username)
                return redirect(pending["next"])
    status = 400 if form.errors else 200
    return render(request, "registration/login_code.html", {"form": form}, status=status)


@requires(Capability.SIGNED_IN)
def setup(request: HttpRequest) -> HttpResponseBase:
    """Show a new secret (QR code and key); it is kept only once a code from it is confirmed."""
    user = request.user
    assert isinstance(user, User)
    if user.totp_enabled:
        return redirect("accounts:profile")
    secret = request.session.get(SETUP) or totp.new_secret()
    request.session[SETUP] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = totp.verify(secret, form.cleaned_data["code"])
        if step is None:
            form.add_error("code", _("The code does not match. Check the time on your phone."))
        else:
            user.totp_secret, user.totp_last_step = secret, step
            user.totp_enabled_at = timezone.now()
            user.save(update_fields=["totp_secret", "totp_last_step", "totp_enabled_at"])
            request.session.pop(SETUP, None)
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("accounts:profile")
    uri = totp.provisioning_uri(secret, account=user.username, issuer=ISSUER)
    context = {
        "form": form,
        "qr_svg": segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": totp.grouped(secret),
    }
    return render(
        request, "accounts/two_step_setup.html", context, status=400 if form.errors else 200
    )


@requires(Capability.SIGNED_IN)
def disable(request: HttpRequest) -> HttpResponseBase:
    user = request.user
    assert isinstance(user, User)
    if not user.totp_enabled:
        return redirect("accounts:profile")
    form = DisableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("The password is wrong."))
        elif (
            totp.verify(user.totp_secret, form.cleaned_data["code"], last_step=user.totp_last_step)
            is None
        ):
            form.add_error("code", _("The code is wrong or has already been used."))
        else:
            _turn_off(user)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/two_step_disable.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@requires(Capability.MANAGE_USERS)
def reset(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An administrator turns it off for someone who lost the phone (logged in the audit trail)."""
    user = get_object_or_404(User, pk=pk)
    _turn_off(user)
    messages.success(request, _("Two-step sign-in was reset; the user signs in with the password."))
    return redirect("accounts:user_detail", pk=user.pk)


def _turn_off(user: User) -> None:
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = "", None, 0
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step"])
