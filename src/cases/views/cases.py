"""Case list, case page, new case and the plain workflow steps (buttons with a comment)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Sector, Unit
from cases import letters, services, workflow
from cases.choices import AssignmentState, CaseState, IntakeKind, LetterKind
from cases.forms import CaseEditForm, CaseForm, StepForm, UnitReportForm
from cases.models import Assignment, Case
from cases.views.common import scoped_case, unit_id_of, visible_cases
from core.access import Capability, is_allowed, is_office, requires
from core.htmx import paginate, query_without_page, render_page
from monitoring.models import Article

OPEN_ASSIGNMENT = (AssignmentState.PENDING, AssignmentState.VERIFYING)


def overdue_assignments(today: Any) -> QuerySet[Assignment]:
    return Assignment.objects.filter(state__in=OPEN_ASSIGNMENT, due_date__lt=today)


def _filtered(request: HttpRequest) -> QuerySet[Case]:
    cases = visible_cases(request.user).select_related("sector")
    params = request.GET
    if params.get("state") in CaseState.values:
        cases = cases.filter(state=params["state"])
    if params.get("sector"):
        cases = cases.filter(sector_id=params["sector"])
    if params.get("unit", "").isdigit():
        cases = cases.filter(assignments__unit_id=int(params["unit"])).distinct()
    if params.get("intake") in IntakeKind.values:
        cases = cases.filter(intake_kind=params["intake"])
    if params.get("overdue") == "1":
        late = overdue_assignments(timezone.localdate()).filter(case=OuterRef("pk"))
        if not is_office(request.user):
            late = late.filter(unit_id=unit_id_of(request.user))
        cases = cases.filter(Exists(late))
    if params.get("q"):
        cases = cases.filter(Q(title__icontains=params["q"]) | Q(summary__icontains=params["q"]))
    return cases


@requires(Capability.VIEW_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _filtered(request)),
        "states": CaseState.choices,
        "intakes": IntakeKind.choices,
        "sectors": Sector.objects.all(),
        "units": Unit.objects.filter(case_assignments__isnull=False).distinct()
        if is_office(request.user)
        else [],
        "values": request.GET,
        "query": query_without_page(request),
        "today": timezone.localdate(),
        "can_open": is_allowed(request.user, Capability.MANAGE_CASES),
        "can_report": is_allowed(request.user, Capability.RESPOND_CASES),
    }
    return render_page(request, "cases/case_list.html", "cases/_case_table.html", context)


def _letters(request: HttpRequest, case: Case) -> Any:
    letters = case.letters.prefetch_related("units")
    if is_office(request.user):
        return letters
    unit_id = unit_id_of(request.user)
    return letters.filter(kind=LetterKind.REQUEST, units__id=unit_id).distinct()


def evidence_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    """The evidence panel (also served alone, polled while a capture is running)."""
    rows = list(case.evidence.select_related("added_by", "article"))
    return {
        "evidence": rows,
        "capturing": any(e.is_pending for e in rows),
        "can_manage": is_allowed(request.user, Capability.MANAGE_CASES),
        "office": is_office(request.user),
    }


def _detail_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user = request.user
    office = is_office(user)
    assignments = case.assignments.select_related("unit", "responded_by")
    events = case.events.select_related("actor", "unit")
    if not office:
        unit_id = unit_id_of(user)
        assignments = assignments.filter(unit_id=unit_id)
        events = events.filter(Q(unit_id__isnull=True) | Q(unit_id=unit_id))
    steps = workflow.available(case, user)
    context: dict[str, Any] = {
        "case": case,
        "office": office,
        "assignments": assignments,
        "events": events,
        **evidence_context(request, case),
        "letters": _letters(request, case),
        "sanctions": case.sanctions.select_related("rule", "proposed_by", "approved_by"),
        "publication": getattr(case, "publication", None),
        "buttons": [s for s in steps if s.via is None],
        "pages": [s for s in steps if s.via is not None],
        "step_form": StepForm(),
        "today": timezone.localdate(),
        "can_manage": is_allowed(user, Capability.MANAGE_CASES),
        "can_decide": is_allowed(user, Capability.DECIDE_CASES),
        "can_respond": is_allowed(user, Capability.RESPOND_CASES),
        "articles": case.articles.all(),
        "last_division": letters.last_division() if office else "",
    }
    if is_allowed(user, Capability.VIEW_AUDIT):
        context["changes"] = case.changes()[:30]
    return context


@requires(Capability.VIEW_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request, pk)
    return render(request, "cases/case_detail.html", _detail_context(request, case))


def _initial(request: HttpRequest) -> tuple[dict[str, Any], list[Article]]:
    initial: dict[str, Any] = {}
    articles: list[Article] = []
    ids = [
        i for i in request.GET.getlist("article") + request.POST.getlist("article") if i.isdigit()
    ]
    articles = list(Article.objects.filter(pk__in=ids))
    if articles:
        first = articles[0]
        initial.update(
            title=first.title or first.feed_title or first.url,
            intake_kind=IntakeKind.ARTICLE,
            source_label=first.url,
        )
    for name in ("source_kind", "source_id"):
        initial[name] = request.GET.get(name, "")
    if request.GET.get("source_kind") == "finding":
        initial["intake_kind"] = IntakeKind.FINDING
    if request.GET.get("label"):
        initial["source_label"] = request.GET["label"]
    finding_id = request.GET.get("finding", "")
    if finding_id.isdigit():
        _from_finding(int(finding_id), initial, articles)
    return initial, articles


def _from_finding(finding_id: int, initial: dict[str, Any], articles: list[Article]) -> None:
    """A confirmed (or proposed) finding becomes a case: its title, subject and evidence."""
    from findings.models import Finding

    finding = Finding.objects.filter(pk=finding_id).first()
    if finding is None:
        return
    initial.update(
        title=finding.title,
        intake_kind=IntakeKind.FINDING,
        source_kind="finding",
        source_id=str(finding.pk),
        source_label=finding.title,
    )
    for name in ("general_site", "press_agency", "social_account"):
        if getattr(finding, f"{name}_id", None):
            initial[name] = getattr(finding, f"{name}_id")
    known = {article.pk for article in articles}
    articles.extend(a for a in finding.evidence_articles() if a.pk not in known)


@requires(Capability.MANAGE_CASES)
def case_new(request: HttpRequest) -> HttpResponse:
    initial, articles = _initial(request)
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intake = services.Intake(
            title=data["title"],
            intake_kind=data["intake_kind"],
            summary=data["summary"],
            sector=data["sector"],
            urgency=data["urgency"],
            articles=articles,
            subjects={name: data[name] for name in services.SUBJECT_FIELDS},
            subject_text=data["subject_text"],
            persons=data["persons"],
            source_kind=request.POST.get("source_kind", "")[:40],
            source_id=request.POST.get("source_id", "")[:64],
            source_label=data["source_label"],
        )
        case = services.open_case(intake, request.user)
        messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
        return redirect(case)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "articles": articles, "source": initial}
    return render(request, "cases/case_form.html", context, status=status)


@requires(Capability.VIEW_CASES)
def case_step(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    """A plain step of the workflow table (one without its own page)."""
    case = scoped_case(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    step = workflow.find(case.state, to)
    if step is None or step.via is not None:
        messages.error(request, _("This step is not possible here."))
        return redirect(case)
    form = StepForm(request.POST)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k != "comment" and v}
    try:
        workflow.transition(case, to, request.user, form.cleaned_data.get("comment", ""), **data)
    except workflow.TransitionNotAllowedError as error:
        raise PermissionDenied(str(error)) from error
    except workflow.TransitionError as error:
        messages.error(request, _("The step was not taken: %(reason)s") % {"reason": error})
        return redirect(case)
    messages.success(
        request,
        _("Case %(number)s: %(state)s.")
        % {
            "number": case.number,
            "state": case.get_state_display(),
        },
    )
    return redirect(case)


@requires(Capability.MANAGE_CASES)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change title, summary, sector, urgency, subjects and linked articles of an open case."""
    case = scoped_case(request, pk)
    if not case.is_open:
        messages.error(
            request,
            _("A case that is %(state)s cannot be edited.") % {"state": case.get_state_display()},
        )
        return redirect(case)
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in services.EDITABLE_FIELDS}
        # the form wrote the values onto ``case``; the service compares with the stored row
        try:
            changed = services.edit_case(
                Case.objects.get(pk=case.pk),
                request.user,
                changes,
                articles=form.articles(),
                comment=data["comment"],
            )
        except services.CaseClosedError:
            messages.error(request, _("The case was closed meanwhile; nothing was changed."))
            return redirect(case)
        if changed:
            messages.success(request, _("Case %(number)s updated.") % {"number": case.number})
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/case_edit.html", {"case": case, "form": form}, status=status)


@requires(Capability.RESPOND_CASES)
def unit_report(request: HttpRequest) -> HttpResponse:
    """A unit's liaison reports an article about its field; the office triages the case."""
    if getattr(request.user, "unit_id", None) is None:
        raise PermissionDenied(_("Your account belongs to no unit."))
    form = UnitReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = services.report_article(request.user, data["url"], data["title"], data["note"])
        messages.success(
            request,
            _("Report received as case %(number)s; the press office will triage it.")
            % {"number": case.number},
        )
        return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/unit_report.html", {"form": form}, status=status)


urlpatterns: list[URLPattern] = [
    path("", case_list, name="case_list"),
    path("new/", case_new, name="case_new"),
    path("report/", unit_report, name="unit_report"),
    path("<int:pk>/edit/", case_edit, name="case_edit"),
    path("<int:pk>/", case_detail, name="case_detail"),
    path("<int:pk>/step/<slug:to>/", case_step, name="case_step"),
]
