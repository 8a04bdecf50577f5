"""Public pages (no sign-in): the published registry lists and the last published review.

Only records flagged ``published`` (and in force) appear, with a fixed set of columns per list;
phone numbers, e-mail addresses, press-card numbers and notes never do. Each list is built once
as a :class:`PublicTable`, which both the page and its CSV/XLSX export render, so an export
cannot show more than the page.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import Capability, requires
from core.text import fold_diacritics
from registry import reviews
from registry.choices import LicenceStatus, MediaType, RecordStatus
from registry.exports import CSV_TYPE, XLSX_TYPE, Cell, write_csv, write_xlsx
from registry.models import (
    GeneralSite,
    Licence,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    ReviewCycle,
)

Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class PublicTable:
    """One public list: what its page shows and what its exports contain."""

    slug: str  # file name of the exports
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _key(text: str) -> tuple[str, str]:
    """Sort key in Vietnamese alphabetical order, near enough (accents break ties)."""
    return (fold_diacritics(text), text)


def _remark(record: Any) -> str:
    return _("Details being verified") if record.needs_verification else ""


# --- Licensed general e-information sites ---------------------------------------------------------
def _public_licences(day: datetime.date) -> QuerySet[Licence]:
    return Licence.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=day),
        published=True,
        status=LicenceStatus.ACTIVE,
    ).order_by("issued_on", "number")


def site_table(day: datetime.date) -> PublicTable:
    sites = GeneralSite.objects.filter(published=True, status=RecordStatus.ACTIVE).prefetch_related(
        Prefetch("licences", queryset=_public_licences(day), to_attr="public_licences")
    )
    rows = []
    for site in sorted(sites, key=lambda site: _key(site.name)):
        licences: list[Licence] = getattr(site, "public_licences", [])
        rows.append(
            (
                site.name,
                ", ".join(site.domains),
                site.owner_organisation,
                "; ".join(licence.number for licence in licences),
                "; ".join(licence.issuer for licence in licences),
                "; ".join(_day(licence.issued_on) for licence in licences),
                _remark(site),
            )
        )
    headers = (_("Name"), _("Domains"), _("Owner organisation"), _("Licence number"),
               _("Issued by"), _("Issued on"), _("Remarks"))  # fmt: skip
    title = _("Licensed general e-information sites")
    return PublicTable("general-sites", title, headers, tuple(rows))


# --- Representative offices and resident reporters ------------------------------------------------
def _agency_cells(agency: PressAgency) -> Row:
    """The agency's name always; its other details only when the agency itself is published."""
    if not agency.published:
        return (agency.name, "", "")
    labels = [str(MediaType(v).label) for v in agency.media_types if v in MediaType.values]
    return (agency.name, agency.governing_body, ", ".join(labels))


def _office_address(reporter: ResidentReporter) -> str:
    office = reporter.office
    if office is None or not office.published or office.status != RecordStatus.ACTIVE:
        return ""
    return office.address


def press_table(day: datetime.date) -> PublicTable:
    offices = RepresentativeOffice.objects.filter(
        published=True, status=RecordStatus.ACTIVE
    ).select_related("agency")
    reporters = ResidentReporter.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        published=True,
        status=RecordStatus.ACTIVE,
    ).select_related("agency", "office")
    office_kind, reporter_kind = _("Representative office"), _("Resident reporter")
    rows: list[tuple[str, int, Row]] = [
        (o.agency.name, 0, (*_agency_cells(o.agency), office_kind, str(o), o.head_name,
                            o.address, _remark(o)))
        for o in offices
    ]  # fmt: skip
    rows += [
        (r.agency.name, 1, (*_agency_cells(r.agency), reporter_kind, r.full_name, "",
                            _office_address(r), _remark(r)))
        for r in reporters
    ]  # fmt: skip
    rows.sort(key=lambda item: (_key(item[0]), item[1], _key(str(item[2][4]))))
    headers = (_("Press agency"), _("Governing body"), _("Media types"), _("Kind"), _("Name"),
               _("Head of office"), _("Address"), _("Remarks"))  # fmt: skip
    title = _("Press agencies with representative offices or resident reporters")
    return PublicTable("press-offices-reporters", title, headers, tuple(item[2] for item in rows))


def press_groups(table: PublicTable) -> list[dict[str, Any]]:
    """The press table grouped by agency, for the page (the export keeps it flat)."""
    groups = []
    for name, rows in groupby(table.rows, key=lambda row: row[0]):
        members = list(rows)
        first = members[0]
        groups.append({
            "name": name,
            "governing_body": first[1],
            "media_types": first[2],
            "rows": [row[3:] for row in members],
        })  # fmt: skip
    return groups


# --- The last published review of resident reporters ---------------------------------------------
def review_table(cycle: ReviewCycle | None) -> PublicTable:
    rows: list[Row] = []
    if cycle is not None:
        evaluations = cycle.evaluations.filter(reporter__published=True).select_related(
            "reporter", "reporter__agency"
        )
        rows = [
            (e.reporter.full_name, e.reporter.agency.name, str(e.get_outcome_display()))
            for e in sorted(evaluations, key=lambda e: _key(e.reporter.full_name))
        ]
    headers = (_("Reporter"), _("Press agency"), _("Outcome"))
    title = cycle.title if cycle is not None else _("Review of resident reporters")
    return PublicTable("review-resident-reporters", title, headers, tuple(rows))


# --- Rendering ------------------------------------------------------------------------------------
def _sheet_title(title: str) -> str:
    return re.sub(r"[\\/?*\[\]:]", "-", title)[:31]


def _export(table: PublicTable, output: str, day: datetime.date) -> HttpResponse | None:
    """The table as a CSV or XLSX download, or None when no export format was asked for."""
    if output == "csv":
        content, content_type = write_csv(table.headers, table.rows), CSV_TYPE
    elif output == "xlsx":
        content = write_xlsx(table.headers, table.rows, title=_sheet_title(table.title))
        content_type = XLSX_TYPE
    else:
        return None
    response = HttpResponse(content, content_type=content_type)
    filename = f"{table.slug}-{day:%Y%m%d}.{output}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request: HttpRequest, template: str, table: PublicTable, **extra: Any) -> HttpResponse:
    day = timezone.localdate()
    exported = _export(table, request.GET.get("format", ""), day)
    if exported is not None:
        return exported
    return render(request, template, {"table": table, "today": day, **extra})


@requires(Capability.PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    context = {
        "sites": len(site_table(day).rows),
        "press": len(press_table(day).rows),
        "review": reviews.latest_published(),
    }
    return render(request, "registry/public/index.html", context)


@requires(Capability.PUBLIC)
def sites(request: HttpRequest) -> HttpResponse:
    table = site_table(timezone.localdate())
    return _page(request, "registry/public/sites.html", table)


@requires(Capability.PUBLIC)
def press(request: HttpRequest) -> HttpResponse:
    table = press_table(timezone.localdate())
    return _page(request, "registry/public/press.html", table, groups=press_groups(table))


@requires(Capability.PUBLIC)
def review(request: HttpRequest) -> HttpResponse:
    cycle = reviews.latest_published()
    return _page(request, "registry/public/review.html", review_table(cycle), cycle=cycle)
