"""Record pages of every registry type: list, detail, create, edit (generated per type)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from core.access import Capability, is_allowed, requires
from core.crud import edit_object
from core.htmx import paginate, query_without_page, render_page
from core.querysets import search_folded
from registry import display, services
from registry.forms import (
    AgreementForm,
    LicenceAttachmentForm,
    LicenceStatusChangeForm,
    NoticeForm,
    record_form,
)
from registry.models import Licence, LicenceAttachment, RepresentativeOffice, ResidentReporter
from registry.types import TYPES, RegistryType, type_for_model


def _type(type_slug: str) -> RegistryType:
    try:
        return TYPES[type_slug]
    except KeyError:
        raise Http404 from None


@requires(Capability.VIEW_REGISTRY)
def home(request: HttpRequest) -> HttpResponse:
    counts = [(t, t.model._default_manager.count()) for t in TYPES.values()]
    context = {"counts": counts, "can_edit": is_allowed(request.user, Capability.MANAGE_REGISTRY)}
    return render(request, "registry/home.html", context)


def _filter_options(registry_type: RegistryType) -> list[dict[str, Any]]:
    options = []
    for name in registry_type.filters:
        field = registry_type.field(name)
        if isinstance(field, models.BooleanField):
            choices = [("1", _("yes")), ("0", _("no"))]
        elif isinstance(field, models.ForeignKey):
            related = field.related_model._default_manager.all()
            choices = [(str(obj.pk), str(obj)) for obj in related]
        else:
            choices = [(str(v), str(label)) for v, label in field.choices or []]
        options.append({"name": name, "label": field.verbose_name, "choices": choices})
    return options


def _filtered(request: HttpRequest, registry_type: RegistryType) -> models.QuerySet[Any]:
    rows = registry_type.model._default_manager.select_related(*registry_type.select_related)
    query = request.GET.get("q", "").strip()
    if query:
        rows = search_folded(rows, query)
    for name in registry_type.filters:
        value = request.GET.get(name, "")
        if not value:
            continue
        field = registry_type.field(name)
        if isinstance(field, models.BooleanField):
            rows = rows.filter(**{name: value == "1"})
        elif isinstance(field, models.ForeignKey):
            rows = rows.filter(**{f"{name}_id": value}) if value.isdigit() else rows.none()
        else:
            rows = rows.filter(**{name: value})
    return rows


def record_list(request: HttpRequest, type_slug: str) -> HttpResponse:
    registry_type = _type(type_slug)
    page = paginate(request, _filtered(request, registry_type))
    context = {
        "type": registry_type,
        "page": page,
        "rows": [(record, display.row(record, registry_type)) for record in page],
        "headers": display.headers(registry_type),
        "filters": _filter_options(registry_type),
        "values": request.GET,
        "query": query_without_page(request),
        "can_edit": is_allowed(request.user, Capability.MANAGE_REGISTRY),
    }
    return render_page(request, "registry/record_list.html", "registry/_record_table.html", context)


def _findings(record: models.Model) -> list[Any]:
    from registry import checks  # the compliance rules sit beside the records they read

    return list(checks.findings_for(record))


def record_detail(request: HttpRequest, type_slug: str, pk: int) -> HttpResponse:
    registry_type = _type(type_slug)
    manager = registry_type.model._default_manager.select_related(*registry_type.select_related)
    record = get_object_or_404(manager, pk=pk)
    related = [
        (item.label, list(getattr(record, item.accessor).all())) for item in registry_type.related
    ]
    context: dict[str, Any] = {
        "type": registry_type,
        "record": record,
        "facts": display.facts(record, registry_type),
        "related": related,
        "findings": _findings(record),
        "can_edit": is_allowed(request.user, Capability.MANAGE_REGISTRY),
        "child_forms": _child_forms(record)
        if is_allowed(request.user, Capability.MANAGE_REGISTRY)
        else [],
    }
    if is_allowed(request.user, Capability.VIEW_AUDIT):
        context["changes"] = record.changes()[:50]
    return render(request, "registry/record_detail.html", context)


def record_create(request: HttpRequest, type_slug: str) -> HttpResponse:
    registry_type = _type(type_slug)
    return edit_object(
        request,
        record_form(registry_type),
        None,
        template="registry/record_form.html",
        context={"type": registry_type},
    )


def record_edit(request: HttpRequest, type_slug: str, pk: int) -> HttpResponse:
    registry_type = _type(type_slug)
    record = get_object_or_404(registry_type.model, pk=pk)
    return edit_object(
        request,
        record_form(registry_type),
        record,
        template="registry/record_form.html",
        context={"type": registry_type},
    )


# --- child records added from a record's page ----------------------------------------------------
#: kind → (form, registry type it belongs to, heading on the record's page)
CHILD_FORMS: dict[str, tuple[type[Any], str, str]] = {
    "licence_status": (LicenceStatusChangeForm, "licences", gettext_noop("Record a status change")),
    "licence_attachment": (LicenceAttachmentForm, "licences", gettext_noop("Attach a scan")),
    "agreement": (AgreementForm, "sites", gettext_noop("Add a written agreement")),
    "office_notice": (NoticeForm, "offices", gettext_noop("Record a notice")),
    "reporter_notice": (NoticeForm, "reporters", gettext_noop("Record a notice")),
}


def _child_forms(record: models.Model) -> list[tuple[str, str, Any]]:
    slug = type_for_model(type(record)).slug
    return [
        (kind, _(label), form_class(prefix=kind))
        for kind, (form_class, type_slug, label) in CHILD_FORMS.items()
        if type_slug == slug
    ]


@require_POST
@requires(Capability.MANAGE_REGISTRY)
def child_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in CHILD_FORMS:
        raise Http404
    form_class, type_slug, _label = CHILD_FORMS[kind]
    record: Any = get_object_or_404(TYPES[type_slug].model, pk=pk)
    form = form_class(request.POST, request.FILES, prefix=kind)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
        return redirect(record.get_absolute_url())
    with transaction.atomic():
        _save_child(kind, record, form.save(commit=False))
    messages.success(request, _("Saved."))
    return redirect(record.get_absolute_url())


def _save_child(kind: str, record: models.Model, child: Any) -> None:
    if kind == "licence_status":
        assert isinstance(record, Licence)
        services.record_status_change(record, child, timezone.localdate())
        return
    if kind == "licence_attachment":
        child.licence = record
    elif kind == "agreement":
        child.site = record
    elif isinstance(record, RepresentativeOffice):
        child.office, child.agency = record, record.agency
    elif isinstance(record, ResidentReporter):
        child.reporter, child.agency = record, record.agency
    child.save()


@requires(Capability.VIEW_REGISTRY)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A licence scan, for signed-in registry readers only (media files are never public)."""
    attachment = get_object_or_404(LicenceAttachment, pk=pk)
    name = (attachment.file.name or "scan").rsplit("/", 1)[-1]
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


def _patterns() -> list[URLPattern]:
    view = requires(Capability.VIEW_REGISTRY)
    manage = requires(Capability.MANAGE_REGISTRY)
    patterns = []
    for slug, registry_type in TYPES.items():
        name, kwargs = registry_type.model_name, {"type_slug": slug}
        patterns += [
            path(f"{slug}/", view(record_list), kwargs, name=f"{name}_list"),
            path(f"{slug}/new/", manage(record_create), kwargs, name=f"{name}_create"),
            path(f"{slug}/<int:pk>/", view(record_detail), kwargs, name=f"{name}_detail"),
            path(f"{slug}/<int:pk>/edit/", manage(record_edit), kwargs, name=f"{name}_edit"),
        ]
    patterns.append(path("add/<slug:kind>/<int:pk>/", child_add, name="child_add"))
    patterns.append(path("attachments/<int:pk>/", attachment_download, name="attachment_download"))
    return patterns


urlpatterns = _patterns()
