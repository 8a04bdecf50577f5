"""The semiannual review of resident reporters (plan task 7): open, evaluate, close, publish.

A cycle moves open → closed → published. Opening it takes a snapshot of the reporters who are
active at that moment (one evaluation each); closing needs an outcome for every evaluation;
publishing puts it on the public pages. Refusals raise :class:`ReviewError` with a message for
the user. Every write is audited by the models' change log.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from registry.choices import RecordStatus, ReviewStatus
from registry.models import ReporterEvaluation, ResidentReporter, ReviewCycle


class ReviewError(Exception):
    """A review step that cannot be taken now; ``str(error)`` is the message for the user."""


def open_cycle(title: str, period_start: datetime.date, period_end: datetime.date) -> ReviewCycle:
    """Open a cycle with one evaluation per resident reporter active now."""
    if period_end < period_start:
        raise ReviewError(_("The end date is before the start date."))
    with transaction.atomic():
        cycle = ReviewCycle.objects.create(
            title=title, period_start=period_start, period_end=period_end
        )
        reporters = ResidentReporter.objects.filter(status=RecordStatus.ACTIVE).order_by("pk")
        for reporter in reporters:
            # one save per row (not bulk_create) so that each evaluation is audited
            ReporterEvaluation.objects.create(cycle=cycle, reporter=reporter)
    return cycle


def missing_outcomes(cycle: ReviewCycle) -> list[str]:
    """Names of the reporters of ``cycle`` whose evaluation has no outcome yet."""
    return list(
        cycle.evaluations.filter(outcome="")
        .order_by("reporter__full_name")
        .values_list("reporter__full_name", flat=True)
    )


def close_cycle(cycle: ReviewCycle, day: datetime.date) -> ReviewCycle:
    """Close an open cycle; refused while an evaluation has no outcome."""
    with transaction.atomic():
        cycle = _locked(cycle)
        if cycle.status != ReviewStatus.OPEN:
            raise ReviewError(_("Only an open review can be closed."))
        missing = missing_outcomes(cycle)
        if missing:
            raise ReviewError(
                _("Give an outcome to every reporter before closing. Missing: %(names)s.")
                % {"names": ", ".join(missing)}
            )
        cycle.status = ReviewStatus.CLOSED
        cycle.closed_on = day
        cycle.save()
    return cycle


def reopen_cycle(cycle: ReviewCycle) -> ReviewCycle:
    """Open a closed (not yet published) cycle again, to correct an evaluation."""
    with transaction.atomic():
        cycle = _locked(cycle)
        if cycle.status != ReviewStatus.CLOSED:
            raise ReviewError(_("Only a closed, unpublished review can be reopened."))
        cycle.status = ReviewStatus.OPEN
        cycle.closed_on = None
        cycle.save()
    return cycle


def publish_cycle(cycle: ReviewCycle, day: datetime.date) -> ReviewCycle:
    """Publish a closed cycle: it becomes the review shown on the public pages."""
    with transaction.atomic():
        cycle = _locked(cycle)
        if cycle.status != ReviewStatus.CLOSED:
            raise ReviewError(_("Only a closed review can be published."))
        cycle.status = ReviewStatus.PUBLISHED
        cycle.published_on = day
        cycle.save()
    return cycle


def can_edit(evaluation: ReporterEvaluation) -> bool:
    """Evaluations change only while their cycle is open."""
    return evaluation.cycle.status == ReviewStatus.OPEN


def latest_published() -> ReviewCycle | None:
    """The review shown to the public: the most recently published one."""
    return (
        ReviewCycle.objects.filter(status=ReviewStatus.PUBLISHED)
        .order_by("-published_on", "-period_end", "-pk")
        .first()
    )


def _locked(cycle: ReviewCycle) -> ReviewCycle:
    """The cycle read again inside the transaction, so two clicks cannot both pass the checks."""
    return ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
