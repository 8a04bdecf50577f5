"""Shared create/edit handling for record forms (one place for the save-and-redirect dance)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def edit_object(
    request: HttpRequest,
    form_class: type[forms.ModelForm[Any]],
    instance: models.Model | None,
    *,
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST save it (audited) and go to the record's page."""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        verb = _("saved") if instance is not None else _("created")
        messages.success(request, _("%(object)s was %(verb)s.") % {"object": saved, "verb": verb})
        return redirect(saved)
    status = 400 if request.method == "POST" else 200
    return render(
        request, template, {"form": form, "object": instance, **(context or {})}, status=status
    )
