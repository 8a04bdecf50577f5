"""Publish a case's handling result: the chosen fields, with personal data masked by default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import AssignmentState, CaseState, SanctionStatus
from cases.models import Case, Publication
from cases.redaction import redact
from cases.workflow import transition
from core.context import acting

#: The fields the office may publish, in page order, with their labels.
PUBLIC_FIELDS: dict[str, Any] = {
    "number": gettext_lazy("Case number"),
    "summary": gettext_lazy("Summary"),
    "subject": gettext_lazy("Subject"),
    "sector": gettext_lazy("Sector"),
    "units": gettext_lazy("Units that handled it"),
    "result": gettext_lazy("Handling result"),
    "sanction": gettext_lazy("Sanction"),
    "dates": gettext_lazy("Dates"),
}
DEFAULT_FIELDS = ("number", "subject", "sector", "units", "result", "sanction", "dates")


class PublicationError(ValueError):
    pass


def personal_names(case: Case) -> list[str]:
    """Names of private persons on the case: those listed on it and those of its subjects."""
    names = [str(n) for n in case.persons if str(n).strip()]
    if case.reporter is not None:
        names.append(case.reporter.full_name)
    account = case.social_account
    if account is not None and account.owner_name and account.owner_unit_id is None:
        names.append(account.owner_name)
    if case.general_site is not None and case.general_site.responsible_person:
        names.append(case.general_site.responsible_person)
    return names


def _day(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def _result(case: Case) -> str:
    lines = []
    for a in case.assignments.filter(state=AssignmentState.RESPONDED).select_related("unit"):
        verdict = a.get_verification_result_display()
        lines.append(f"{a.unit}: {verdict}. {a.response_text}".strip())
    return "\n".join(lines)


def _sanction(case: Case) -> str:
    decided = case.sanctions.filter(status=SanctionStatus.APPROVED).select_related("rule")
    return "\n".join(
        _("%(rule)s; fine %(amount)s VND; decision %(number)s of %(date)s")
        % {
            "rule": s.rule,
            "amount": f"{s.amount:,}".replace(",", "."),
            "number": s.decision_number,
            "date": s.decision_date.strftime("%d/%m/%Y") if s.decision_date else "",
        }
        for s in decided
    )


def build_content(case: Case, fields: Sequence[str]) -> dict[str, str]:
    """The text of each chosen field, unmasked."""
    units = ", ".join(
        str(a.unit) for a in case.assignments.exclude(state=AssignmentState.WITHDRAWN)
    )
    makers = {
        "number": lambda: case.number,
        "summary": lambda: case.summary,
        "subject": lambda: case.subject_name,
        "sector": lambda: str(case.sector or ""),
        "units": lambda: units,
        "result": lambda: _result(case),
        "sanction": lambda: _sanction(case),
        "dates": lambda: (
            _("opened %(opened)s, answered %(answered)s")
            % {"opened": _day(case.created_at), "answered": _day(case.responded_at)}
        ),
    }
    return {name: makers[name]() for name in PUBLIC_FIELDS if name in fields}


def publish(
    case: Case, actor: Any, fields: Sequence[str], *, mask: bool = True, comment: str = ""
) -> Publication:
    """Write the public text (masked unless told otherwise) and move the case to "published"."""
    unknown = set(fields) - set(PUBLIC_FIELDS)
    if unknown:
        raise PublicationError(f"unknown fields: {', '.join(sorted(unknown))}")
    if case.state not in (CaseState.RESPONDED, CaseState.SANCTION_DECIDED):
        raise PublicationError("only an answered or decided case can be published")
    with translation.override(settings.LANGUAGE_CODE):
        content = build_content(case, fields)
        title = case.title
    if mask:
        names = personal_names(case)
        content = {key: redact(value, names) for key, value in content.items()}
        title = redact(title, names)
    with transaction.atomic(), acting(user=actor, comment=comment or "published"):
        publication = Publication.objects.create(
            case=case,
            fields=[f for f in PUBLIC_FIELDS if f in fields],
            title=title,
            content=content,
            published_at=timezone.now(),
            published_by=actor,
            redacted=mask,
        )
        transition(case, CaseState.PUBLISHED, actor, comment)
    return publication


def preview(case: Case, fields: Sequence[str], *, mask: bool = True) -> list[tuple[Any, str]]:
    """(label, text) of each field as it would be published."""
    with translation.override(settings.LANGUAGE_CODE):
        content = build_content(case, fields)
    names = personal_names(case) if mask else []
    return [
        (PUBLIC_FIELDS[key], redact(value, names) if mask else value)
        for key, value in content.items()
    ]
