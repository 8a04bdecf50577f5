"""E-mails of the case workflow, sent through the durable outbox (``core.mail``).

Units hear of a new assignment, get a reminder before the due date and an escalation after it;
the escalation also goes to the office. Texts are rendered in the site's language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Assignment, Case
from core.access import Role
from core.mail import queue_email

LIAISON_ROLES = (Role.UNIT_LIAISON, Role.POLICE_LIAISON)
OFFICE_RECIPIENT_ROLES = (Role.OFFICER, Role.LEADER)


def unit_addresses(unit_id: int) -> list[str]:
    """The e-mail addresses of the unit's active liaisons (the unit's own address if none)."""
    addresses = list(
        User.objects.filter(unit_id=unit_id, role__in=LIAISON_ROLES, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not addresses:
        from accounts.models import Unit

        email = Unit.objects.filter(pk=unit_id).values_list("email", flat=True).first()
        addresses = [email] if email else []
    return addresses


def office_addresses() -> list[str]:
    return list(
        User.objects.filter(role__in=OFFICE_RECIPIENT_ROLES, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def _link(assignment: Assignment) -> str:
    return f"{settings.SITE_URL}{assignment.case.get_absolute_url()}"


def _facts(assignment: Assignment) -> dict[str, str]:
    return {
        "number": assignment.case.number,
        "title": assignment.case.title,
        "unit": str(assignment.unit),
        "due": assignment.due_date.strftime("%d/%m/%Y"),
        "link": _link(assignment),
    }


def assignment_created(assignment: Assignment) -> None:
    to = unit_addresses(assignment.unit_id)
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        facts = _facts(assignment)
        subject = _("Case %(number)s assigned to your unit") % facts
        body = (
            _(
                "The press office asks %(unit)s to verify and answer case %(number)s "
                "«%(title)s» by %(due)s.\n\nOpen the case: %(link)s"
            )
            % facts
        )
    queue_email(to, subject, body)


def reminder(assignment: Assignment) -> bool:
    to = unit_addresses(assignment.unit_id)
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        facts = _facts(assignment)
        subject = _("Reminder: case %(number)s is due on %(due)s") % facts
        body = (
            _(
                "Case %(number)s «%(title)s» assigned to %(unit)s is due on %(due)s and has not "
                "been answered yet.\n\nAnswer it here: %(link)s"
            )
            % facts
        )
    queue_email(to, subject, body)
    return True


def escalation(assignment: Assignment) -> bool:
    to = list(dict.fromkeys([*unit_addresses(assignment.unit_id), *office_addresses()]))
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        facts = _facts(assignment)
        subject = _("Overdue: case %(number)s was due on %(due)s") % facts
        body = (
            _(
                "%(unit)s has not answered case %(number)s «%(title)s», due on %(due)s. "
                "The press office has been informed.\n\nCase: %(link)s"
            )
            % facts
        )
    queue_email(to, subject, body)
    return True


def unit_report(case: Case) -> bool:
    """The office hears that a unit reported an article about its field."""
    to = office_addresses()
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        facts = {
            "number": case.number,
            "title": case.title,
            "unit": str(case.reported_by_unit or ""),
            "url": case.source_label,
            "link": f"{settings.SITE_URL}{case.get_absolute_url()}",
        }
        subject = _("Case %(number)s: %(unit)s reports an article") % facts
        body = (
            _(
                "%(unit)s reports an article about its field: %(url)s\n\n"
                "Case %(number)s «%(title)s» waits for triage: %(link)s"
            )
            % facts
        )
    queue_email(to, subject, body)
    return True
