"""Evidence (attach, download), the evidence package, and official letters (write, download)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from cases import evidence_store, letters, numbering, packages
from cases.choices import CaptureState, LetterKind
from cases.forms import EvidenceForm, IssueLetterForm, LetterForm
from cases.models import Evidence, Letter
from cases.views.cases import evidence_context
from cases.views.common import office_only, scoped_case, unit_id_of
from core.access import Capability, is_office, requires


@requires(Capability.MANAGE_CASES)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["url"]:
            evidence_store.request_capture(case, request.user, data["url"], data["note"])
            messages.success(
                request,
                _("The page is being captured; the evidence list shows when it is done."),
            )
            return redirect(case)
        try:
            if data["article"] is not None:
                evidence_store.attach_stored_page(case, request.user, data["article"], data["note"])
            else:
                evidence_store.attach_upload(case, request.user, data["file"], note=data["note"])
        except evidence_store.EvidenceError as error:
            form.add_error(None, _("Nothing was attached: %(reason)s") % {"reason": error})
        else:
            messages.success(request, _("Evidence attached; it can no longer be changed."))
            return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/evidence_form.html", {"case": case, "form": form}, status=status)


@requires(Capability.VIEW_CASES)
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    case = scoped_case(request, pk)
    evidence = get_object_or_404(case.evidence, pk=evidence_pk, capture_state=CaptureState.CAPTURED)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)


@requires(Capability.VIEW_CASES)
def evidence_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence panel alone: the case page polls it every 2 s while a capture runs."""
    case = scoped_case(request, pk)
    context = {"case": case, **evidence_context(request, case)}
    return render(request, "cases/_evidence_panel.html", context)


@requires(Capability.MANAGE_CASES)
def evidence_retry(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Try a failed capture again."""
    case = scoped_case(request, pk)
    evidence: Evidence = get_object_or_404(case.evidence, pk=evidence_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if evidence_store.retry_capture(evidence, request.user):
        messages.success(request, _("The page is being captured again."))
    else:
        messages.error(request, _("Only a failed capture can be tried again."))
    return redirect(case)


@requires(Capability.VIEW_CASES)
def package_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole case as a zip: WARC files, documents, manifest with hashes, timeline."""
    case = scoped_case(request, pk)
    office_only(request)
    name, content = packages.export_case(case)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Capability.MANAGE_CASES)
def letter_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = scoped_case(request, pk)
    if kind not in LetterKind.values:
        raise Http404
    form = LetterForm(request.POST or None, initial=letters.defaults(case, kind))
    if request.method == "POST" and form.is_valid():
        letter = letters.create(case, request.user, kind, form.cleaned_data)
        messages.success(request, _("Letter written: %(letter)s") % {"letter": letter})
        return redirect(case)
    context = {"case": case, "form": form, "kind": LetterKind(kind)}
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/letter_form.html", context, status=status)


@requires(Capability.MANAGE_CASES)
def letter_issue(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """Number a draft letter from the register and date it today."""
    case = scoped_case(request, pk)
    letter: Letter = get_object_or_404(case.letters, pk=letter_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = IssueLetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The division code may hold capital letters and digits only."))
        return redirect(case)
    try:
        letters.issue(letter, request.user, division=form.cleaned_data["division"])
    except (letters.LetterError, numbering.NumberingError, IntegrityError) as error:
        messages.error(request, _("The letter was not issued: %(reason)s") % {"reason": error})
    else:
        messages.success(
            request, _("Letter issued as number %(number)s.") % {"number": letter.number}
        )
    return redirect(case)


@requires(Capability.VIEW_CASES)
def letter_download(request: HttpRequest, pk: int, letter_pk: int) -> FileResponse:
    case = scoped_case(request, pk)
    letter: Letter = get_object_or_404(case.letters, pk=letter_pk)
    if not is_office(request.user):
        addressed = (
            letter.kind == LetterKind.REQUEST
            and letter.units.filter(pk=unit_id_of(request.user)).exists()
        )
        if not addressed:
            raise Http404
    if not letter.file:
        raise PermissionDenied
    name = (letter.file.name or "letter.docx").rsplit("/", 1)[-1]
    return FileResponse(letter.file.open("rb"), as_attachment=True, filename=name)


urlpatterns: list[URLPattern] = [
    path("<int:pk>/evidence/add/", evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/panel/", evidence_panel, name="evidence_panel"),
    path("<int:pk>/evidence/<int:evidence_pk>/", evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_pk>/retry/", evidence_retry, name="evidence_retry"),
    path("<int:pk>/package/", package_export, name="package_export"),
    path("<int:pk>/letters/new/<slug:kind>/", letter_new, name="letter_new"),
    path("<int:pk>/letters/<int:letter_pk>/", letter_download, name="letter_download"),
    path("<int:pk>/letters/<int:letter_pk>/issue/", letter_issue, name="letter_issue"),
]
