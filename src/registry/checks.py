"""Computed compliance checks over the registry: each problem found is a :class:`Finding`.

A finding names the record it is about, how serious it is ("bad": expired or a violation, "warn":
expiring or suspicious), a message, the legal basis it rests on (``registry.legal``, each with its
confidence) and the date that matters. :func:`list_findings` runs every check over the whole
registry in a fixed number of queries; :func:`findings_for` gives the findings about one record.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, UnitKind
from accounts.models.units import UnitQuerySet
from registry import legal, naming
from registry.choices import LicenceStatus, RecordStatus
from registry.legal import RULES, Confidence, FindingKind, LegalBasis, Severity
from registry.models import (
    GeneralSite,
    Licence,
    Notice,
    PressAgency,
    RepresentativeOffice,
    ResidentReporter,
    Spokesperson,
    StateChannel,
)
from registry.naming import AgencyName

__all__ = ["Finding", "FindingKind", "Severity", "findings_for", "list_findings"]

WINDOWS = (30, 60, 90)
#: Units that must name a spokesperson (NĐ 09/2017).
SPOKESPERSON_UNIT_KINDS = (UnitKind.DEPARTMENT, UnitKind.PEOPLES_COMMITTEE, UnitKind.COMMUNE)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a check, about one record."""

    kind: FindingKind
    severity: Severity
    subject: models.Model  # the record the finding is about
    message: str
    basis: tuple[LegalBasis, ...]  # the rule it rests on first, then supporting rules
    day: datetime.date | None = None  # the date that matters (expiry, change, …)

    @property
    def confidence(self) -> Confidence:
        """The confidence of the rule the finding rests on."""
        return self.basis[0].confidence

    @property
    def needs_verification(self) -> bool:
        return self.confidence is Confidence.UNCONFIRMED

    @property
    def url(self) -> str:
        return str(self.subject.get_absolute_url())  # type: ignore[attr-defined]

    @property
    def subject_type(self) -> str:
        return str(self.subject._meta.verbose_name)


def _found(
    kind: FindingKind,
    subject: models.Model,
    message: str,
    values: Mapping[str, object],
    day: datetime.date | None = None,
    basis: tuple[LegalBasis, ...] = (),
) -> list[Finding]:
    """One finding of ``kind`` (its usual severity, and basis unless given), message filled in."""
    severity, usual_basis = RULES[kind]
    return [Finding(kind, severity, subject, message % values, basis or usual_basis, day)]


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _active(record: Any) -> bool:
    return str(record.status) == RecordStatus.ACTIVE


# --- Licences -------------------------------------------------------------------------------------
def licence_findings(licence: Licence, today: datetime.date, window: int) -> list[Finding]:
    """An active licence past its expiry date (bad) or expiring within ``window`` days (warn)."""
    expires = licence.expires_on
    if licence.status != LicenceStatus.ACTIVE or expires is None:
        return []
    days = (expires - today).days
    values = {"number": licence.number, "holder": licence.holder or "—", "date": _fmt(expires)}
    if days < 0:
        message = _(
            "Licence %(number)s of %(holder)s expired on %(date)s but is still recorded as "
            "in force."
        )
        return _found(FindingKind.LICENCE_EXPIRED, licence, message, values, expires)
    if days <= window:
        message = _("Licence %(number)s of %(holder)s expires on %(date)s (in %(days)s days).")
        return _found(
            FindingKind.LICENCE_EXPIRING, licence, message, {**values, "days": days}, expires
        )
    return []


# --- Press cards of heads of office and resident reporters ----------------------------------------
CardHolder = RepresentativeOffice | ResidentReporter


def _person(record: CardHolder) -> str:
    if isinstance(record, ResidentReporter):
        return record.full_name
    return record.head_name or _("the head of %(office)s") % {"office": record}


def card_valid_until(recorded: datetime.date, today: datetime.date) -> tuple[datetime.date, bool]:
    """The day a card is valid until, and whether the 2021–2025 extension (QĐ 4794) applies."""
    if recorded == legal.CARD_TERM_2021_2025_ENDS and today >= legal.CARD_EXTENSION_DECIDED:
        return legal.CARD_TERM_2021_2025_EXTENDED_TO, True
    return recorded, False


def _missing_card(record: CardHolder) -> list[Finding]:
    fields: list[tuple[str, object]] = [(_("card number"), record.card_number)]
    fields += [(_("issuing agency"), record.card_agency_id)]
    fields += [(_("expiry date"), record.card_expires_on)]
    missing = [label for label, value in fields if not value]
    if not missing:
        return []
    message = _("Press card of %(person)s (%(agency)s): %(fields)s not recorded.")
    values = {"person": _person(record), "agency": record.agency, "fields": ", ".join(missing)}
    return _found(FindingKind.CARD_MISSING, record, message, values)


def _card_expiry(record: CardHolder, today: datetime.date, window: int) -> list[Finding]:
    if record.card_expires_on is None:
        return []
    until, extended = card_valid_until(record.card_expires_on, today)
    values = {"person": _person(record), "agency": record.agency, "date": _fmt(until)}
    values["days"] = (until - today).days
    basis = RULES[FindingKind.CARD_EXPIRED][1] + (
        (legal.CARD_EXTENSION_2021_2025,) if extended else ()
    )
    note = _("Cards of the 2021–2025 term are valid until 31/03/2026 (QĐ 4794/QĐ-BVHTTDL).")
    note = f" {note}" if extended else ""
    if until < today:
        message = _("Press card of %(person)s (%(agency)s) expired on %(date)s.") + note
        return _found(FindingKind.CARD_EXPIRED, record, message, values, until, basis)
    if (until - today).days <= window:
        message = _(
            "Press card of %(person)s (%(agency)s) is valid until %(date)s (%(days)s days left)."
        )
        return _found(FindingKind.CARD_EXPIRING, record, message + note, values, until, basis)
    return []


def _card_agency(record: CardHolder) -> list[Finding]:
    if record.card_agency_id is None or record.card_agency_id == record.agency_id:
        return []
    message = _("%(person)s works for %(agency)s but the press card was issued for %(card)s.")
    values = {"person": _person(record), "agency": record.agency, "card": record.card_agency}
    reporter = isinstance(record, ResidentReporter)
    basis = (legal.CARD_CHECK_PRACTICE, legal.PRESS_LAW_ART_22_HEAD_CARD) if reporter else ()
    return _found(FindingKind.CARD_AGENCY, record, message, values, None, basis)


def card_findings(record: CardHolder, today: datetime.date, window: int) -> list[Finding]:
    """Expired, expiring, unrecorded or foreign press cards of an active office or reporter."""
    if not _active(record):
        return []
    return [*_missing_card(record), *_card_expiry(record, today, window), *_card_agency(record)]


# --- Notices of changes ---------------------------------------------------------------------------
def notice_findings(notice: Notice) -> list[Finding]:
    """A notice that reached the province (or is dated) less than 5 days before the change.

    Changes from 01/07/2026 fall under the Press Law 2025, whose rule is not confirmed: the
    finding is then a warning resting on an unconfirmed basis.
    """
    days = notice.days_ahead
    if days >= legal.NOTICE_MIN_DAYS:
        return []
    values = {"agency": notice.agency, "kind": notice.get_kind_display(), "late": -days}
    values |= {"document": notice.document or "—", "days": days, "min": legal.NOTICE_MIN_DAYS}
    values["date"] = _fmt(notice.effective_on)
    if days < 0:
        message = _(
            "Notice %(document)s from %(agency)s (%(kind)s) came %(late)s days after the change "
            "of %(date)s."
        )
    else:
        message = _(
            "Notice %(document)s from %(agency)s (%(kind)s) came %(days)s days before the change "
            "of %(date)s; at least %(min)s days are required."
        )
    if notice.effective_on < legal.PRESS_LAW_2025_IN_FORCE:
        return _found(FindingKind.NOTICE_LATE, notice, message, values, notice.effective_on)
    basis = (legal.NOTICE_PERIOD_2025,)
    return [
        Finding(
            FindingKind.NOTICE_LATE,
            Severity.WARN,
            notice,
            message % values,
            basis,
            notice.effective_on,
        )
    ]


# --- General e-information sites ------------------------------------------------------------------
def _press_words(site: GeneralSite) -> list[Finding]:
    matches = naming.press_words_in_name(site.name)
    for domain in site.domains:
        matches.extend(naming.press_words_in_domain(str(domain)))
    if not matches:
        return []
    listed = "; ".join(f"“{m.word}” ({m.text})" for m in matches)
    message = _("%(site)s uses words that suggest a press agency: %(matches)s.")
    return _found(
        FindingKind.SITE_PRESS_WORD, site, message, {"site": site.name, "matches": listed}
    )


def _like_agencies(site: GeneralSite, agencies: Sequence[AgencyName]) -> list[Finding]:
    matches = naming.similar_agencies(site.name, agencies)
    for domain in site.domains:
        matches.extend(naming.domain_like_agencies(str(domain), agencies))
    first = {m.agency.key: m for m in reversed(matches)}  # the first match of each agency
    message = _("“%(text)s” resembles the press agency %(agency)s (“%(name)s”).")
    return [
        finding
        for m in sorted(first.values(), key=lambda m: m.agency.name)
        for finding in _found(
            FindingKind.SITE_LIKE_AGENCY,
            site,
            message,
            {"text": m.text, "agency": m.agency.name, "name": m.matched_name},
        )
    ]


def _press_titles(site: GeneralSite) -> list[Finding]:
    shown = f"{site.responsible_title} {site.responsible_person}".strip()
    titles = naming.press_titles_in(shown, legal.PRESS_TITLES)
    if not titles:
        return []
    message = _(
        "The person responsible for content is shown as “%(shown)s”: %(titles)s is a press title."
    )
    return _found(
        FindingKind.SITE_PRESS_TITLE, site, message, {"shown": shown, "titles": ", ".join(titles)}
    )


def site_findings(site: GeneralSite, agencies: Sequence[AgencyName]) -> list[Finding]:
    """Press-like words, look-alike names and press titles of an active general site."""
    if not _active(site):
        return []
    return [*_press_words(site), *_like_agencies(site, agencies), *_press_titles(site)]


def agency_names() -> list[AgencyName]:
    """Every registered press agency with its aliases and domains (one query)."""
    rows = PressAgency.objects.values_list("pk", "name", "aliases", "domains")
    return [
        AgencyName(pk, name, tuple(map(str, aliases or ())), tuple(map(str, domains or ())))
        for pk, name, aliases, domains in rows
    ]


# --- Spokespersons and state e-channels -----------------------------------------------------------
def units_without_spokesperson(today: datetime.date, units: UnitQuerySet) -> list[Unit]:
    """Departments and People's Committees in force on ``today`` with no spokesperson that day."""
    current = Spokesperson.objects.current_on(today).values("unit_id")
    in_force = units.valid_on(today).filter(kind__in=SPOKESPERSON_UNIT_KINDS)
    return list(in_force.exclude(pk__in=current).order_by("name"))


def spokesperson_findings(unit: Unit) -> list[Finding]:
    message = _("%(unit)s has no spokesperson recorded for today.")
    return _found(FindingKind.NO_SPOKESPERSON, unit, message, {"unit": unit})


def channel_findings(channel: StateChannel) -> list[Finding]:
    """An active state e-channel with no owner unit or no accepted operating rules."""
    if not _active(channel):
        return []
    found: list[Finding] = []
    values = {"channel": channel}
    if channel.owner_unit_id is None:
        message = _("%(channel)s has no owner unit recorded.")
        found += _found(FindingKind.CHANNEL_NO_OWNER, channel, message, values)
    if channel.rules_accepted_on is None:
        message = _(
            "The owner of %(channel)s has not accepted the operating rules for state e-channels."
        )
        found += _found(FindingKind.CHANNEL_NO_RULES, channel, message, values)
    return found


# --- Running the checks --------------------------------------------------------------------------
def _querysets(today: datetime.date, window: int) -> dict[str, models.QuerySet[Any]]:
    """What each check reads, loading in the same query what its messages show."""
    horizon = today + datetime.timedelta(days=window)
    active, card = {"status": RecordStatus.ACTIVE}, ("agency", "card_agency")
    unfinished = models.Q(owner_unit__isnull=True) | models.Q(rules_accepted_on__isnull=True)
    return {
        "licences": Licence.objects.filter(
            status=LicenceStatus.ACTIVE, expires_on__lte=horizon
        ).select_related("press_agency", "general_site", "social_network"),
        "offices": RepresentativeOffice.objects.filter(**active).select_related(*card),
        "reporters": ResidentReporter.objects.filter(**active).select_related(*card),
        "notices": Notice.objects.select_related("agency", "office__agency", "reporter"),
        "sites": GeneralSite.objects.filter(**active),
        "units": Unit.objects.all(),
        "channels": StateChannel.objects.filter(unfinished, **active),
    }


def _run(
    sources: Mapping[str, models.QuerySet[Any]], today: datetime.date, window: int
) -> list[Finding]:
    sites = list(sources["sites"])
    agencies = agency_names() if sites else []
    found: list[Finding] = []
    for licence in sources["licences"]:
        found += licence_findings(licence, today, window)
    for holder in [*sources["offices"], *sources["reporters"]]:
        found += card_findings(holder, today, window)
    for notice in sources["notices"]:
        found += notice_findings(notice)
    for site in sites:
        found += site_findings(site, agencies)
    for unit in units_without_spokesperson(today, cast("UnitQuerySet", sources["units"])):
        found += spokesperson_findings(unit)
    for channel in sources["channels"]:
        found += channel_findings(channel)
    order = {kind: index for index, kind in enumerate(FindingKind)}
    return sorted(
        found, key=lambda f: (f.severity != Severity.BAD, order[f.kind], f.day or datetime.date.max)
    )


def list_findings(today: datetime.date, window_days: int = 90) -> list[Finding]:
    """Every finding in the registry on ``today``; expiry warnings look ``window_days`` ahead.

    The number of queries is fixed (one per kind of record), whatever the number of records.
    """
    return _run(_querysets(today, window_days), today, window_days)


#: For each record type, which checked querysets concern it, and through which field.
_ABOUT: dict[type[models.Model], dict[str, str]] = {
    Licence: {"licences": "pk"},
    PressAgency: {"licences": "press_agency", "notices": "agency"},
    RepresentativeOffice: {"offices": "pk", "notices": "office"},
    ResidentReporter: {"reporters": "pk", "notices": "reporter"},
    Notice: {"notices": "pk"},
    GeneralSite: {"sites": "pk", "licences": "general_site"},
    Unit: {"units": "pk"},
    StateChannel: {"channels": "pk"},
}


def findings_for(
    record: models.Model, *, today: datetime.date | None = None, window_days: int = 90
) -> list[Finding]:
    """The findings about one record (none for a type no check covers).

    An agency's page also gets its licences' and notices' findings, an office's or reporter's
    page its notices', a site's page its licences'.
    """
    about = _ABOUT.get(type(record))
    if about is None:
        return []
    today = today or timezone.localdate()
    sources = {
        name: queryset.filter(**{about[name]: record.pk}) if name in about else queryset.none()
        for name, queryset in _querysets(today, window_days).items()
    }
    return _run(sources, today, window_days)
