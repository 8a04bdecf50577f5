"""The report settings (signer, addressees, recipients) and one's own digest subscriptions."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.access import Capability, requires
from reports.choices import Frequency
from reports.forms import SettingsForm, SubscriptionForm
from reports.models import DigestSubscription, ReportSettings


@requires(Capability.MANAGE_PLANS)
def settings_edit(request: HttpRequest) -> HttpResponse:
    current = ReportSettings.current()
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Report settings saved."))
        return redirect("reports:settings")
    return render(request, "reports/settings.html", {"form": form})


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)  # the access middleware let only signed-in users in


@requires(Capability.VIEW_REPORTS)
def subscriptions(request: HttpRequest) -> HttpResponse:
    own = {s.frequency: s for s in DigestSubscription.objects.filter(user=_user(request))}
    rows = [(value, label, own.get(value)) for value, label in Frequency.choices]
    context = {"rows": rows, "email": getattr(request.user, "email", "")}
    return render(request, "reports/subscriptions.html", context)


@requires(Capability.VIEW_REPORTS)
@require_POST
def subscription_toggle(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        frequency = form.cleaned_data["frequency"]
        user = _user(request)
        found = DigestSubscription.objects.filter(user=user, frequency=frequency).first()
        if found is None:
            DigestSubscription.objects.create(user=user, frequency=frequency)
            messages.success(request, _("You will receive the digest by e-mail."))
        else:
            found.active = not found.active
            found.save(update_fields=["active", "updated_at"])
            if found.active:
                messages.success(request, _("You will receive the digest by e-mail."))
            else:
                messages.success(request, _("You will no longer receive this digest."))
    return redirect("reports:subscriptions")


urlpatterns: list[URLPattern] = [
    path("settings/", settings_edit, name="settings"),
    path("subscriptions/", subscriptions, name="subscriptions"),
    path("subscriptions/toggle/", subscription_toggle, name="subscription_toggle"),
]
