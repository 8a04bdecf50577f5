"""Import and export pages of every registry type (``registry:import``, ``registry:export``).

An import is two steps: the upload is checked (a dry run that writes nothing) and kept in
``MEDIA_ROOT/imports/<token>``; the officer then confirms, optionally skipping invalid rows, and the
kept file is imported again for real. The token is remembered in the officer's session, so only the
officer who uploaded a file can apply it.
"""

from __future__ import annotations

import time
import unicodedata
import uuid
from pathlib import Path, PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import Capability, requires
from registry.io import MAX_BYTES, FileFormat, ImportReport, export_file, format_for, run_import
from registry.io.columns import columns_for
from registry.types import TYPES, RegistryType

TEMPLATE = "registry/io_import.html"
SESSION_KEY = "registry_imports"
KEEP_SECONDS = 24 * 3600
SHOWN_PROBLEMS = 500


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX, at most 5 MB)"))

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if format_for(upload.name or "") is None:
            raise forms.ValidationError(
                gettext_lazy("Only CSV (.csv) and Excel (.xlsx) files can be imported.")
            )
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(gettext_lazy("The file is larger than 5 MB."))
        return upload


class ApplyForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    skip_invalid = forms.BooleanField(
        required=False, label=gettext_lazy("Skip invalid rows and import the valid ones")
    )


def _type(type_slug: str) -> RegistryType:
    try:
        return TYPES[type_slug]
    except KeyError:
        raise Http404 from None


def _imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _clean_name(name: str) -> str:
    return unicodedata.normalize("NFC", PurePath(name).name).strip()[:150] or "import"


def _keep(request: HttpRequest, registry_type: RegistryType, filename: str, data: bytes) -> str:
    """Store the uploaded file for the confirm step; return its token."""
    folder = _imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (folder / token).write_bytes(data)
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = {"type": registry_type.slug, "filename": filename}
    request.session[SESSION_KEY] = kept
    return token


def _kept(request: HttpRequest, registry_type: RegistryType, token: str) -> tuple[str, bytes]:
    """The file name and content kept under ``token`` for this officer, or LookupError."""
    meta = request.session.get(SESSION_KEY, {}).get(token)
    stored = _imports_dir() / token
    if not meta or meta.get("type") != registry_type.slug or not stored.is_file():
        raise LookupError(token)
    return str(meta["filename"]), stored.read_bytes()


def _discard(request: HttpRequest, token: str) -> None:
    (_imports_dir() / token).unlink(missing_ok=True)
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept.pop(token, None)
    request.session[SESSION_KEY] = kept


def _context(registry_type: RegistryType, **extra: Any) -> dict[str, Any]:
    try:
        list_url = reverse(f"registry:{registry_type.model_name}_list")
    except NoReverseMatch:
        list_url = ""
    columns = [
        {"name": name, "label": column.field.verbose_name, "key": name in registry_type.key_fields}
        for name, column in columns_for(registry_type).items()
    ]
    return {"type": registry_type, "list_url": list_url, "columns": columns, **extra}


def _report_context(report: ImportReport, token: str | None) -> dict[str, Any]:
    return {
        "report": report,
        "problems": report.problems[:SHOWN_PROBLEMS],
        "more_problems": max(len(report.problems) - SHOWN_PROBLEMS, 0),
        "apply_form": ApplyForm(initial={"token": token}) if token else None,
    }


@requires(Capability.MANAGE_REGISTRY)
def import_records(request: HttpRequest, type_slug: str) -> HttpResponse:
    """Upload form; on upload, the dry-run report and the confirm form."""
    registry_type = _type(type_slug)
    if request.method == "POST" and "token" in request.POST:
        return _apply(request, registry_type)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, TEMPLATE, _context(registry_type, form=form))
    if not form.is_valid():
        return render(request, TEMPLATE, _context(registry_type, form=form), status=400)
    upload: UploadedFile[bytes] = form.cleaned_data["file"]
    filename = _clean_name(upload.name or "")
    data = b"".join(upload.chunks())
    report = run_import(registry_type, data, filename)
    token = None
    if not report.file_errors and report.rows:
        token = _keep(request, registry_type, filename, data)
    context = _context(registry_type, form=UploadForm(), **_report_context(report, token))
    return render(request, TEMPLATE, context)


def _apply(request: HttpRequest, registry_type: RegistryType) -> HttpResponse:
    form = ApplyForm(request.POST)
    try:
        if not form.is_valid():
            raise LookupError(request.POST.get("token"))
        token = form.cleaned_data["token"].hex
        filename, data = _kept(request, registry_type, token)
    except LookupError:
        messages.error(request, _("This upload is no longer available; upload the file again."))
        return redirect("registry:import", type_slug=registry_type.slug)
    report = run_import(
        registry_type,
        data,
        filename,
        apply=True,
        skip_invalid=form.cleaned_data["skip_invalid"],
        user=request.user,
    )
    if report.applied:
        _discard(request, token)
        messages.success(request, _("The file %(file)s was imported.") % {"file": filename})
    context = _report_context(report, None if report.applied else token)
    return render(request, TEMPLATE, _context(registry_type, form=UploadForm(), **context))


@requires(Capability.VIEW_REGISTRY)
def export_records(request: HttpRequest, type_slug: str) -> HttpResponse:
    """Every record of the type as ``?format=csv`` (the default) or ``?format=xlsx``."""
    registry_type = _type(type_slug)
    requested = request.GET.get("format", FileFormat.CSV).lower()
    if requested not in {f.value for f in FileFormat}:
        return HttpResponseBadRequest(_("Unknown format: use csv or xlsx."))
    export = export_file(registry_type, FileFormat(requested))
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


urlpatterns: list[URLPattern] = [
    path("<slug:type_slug>/import/", import_records, name="import"),
    path("<slug:type_slug>/export/", export_records, name="export"),
]
