"""The case: one matter the office follows through to a published result (plan I.2, task 6)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import FINAL_STATES, CaseState, IntakeKind, Urgency
from core.models import ChangeLoggedModel


class Case(ChangeLoggedModel):
    """A matter opened from a finding, an alert, an article, a unit's or the police's report, a
    complaint or by hand. It is numbered per year ("12/2026") and moves through the states of
    :mod:`cases.workflow`; units see it only while one of their assignments is on it."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    intake_kind = models.CharField(_("intake"), max_length=30, choices=IntakeKind.choices)
    sector = models.ForeignKey(
        "accounts.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    state = models.CharField(
        _("state"),
        max_length=30,
        choices=CaseState.choices,
        default=CaseState.RECEIVED,
        db_index=True,
        editable=False,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_opened",
    )
    # subjects: who or what the matter is about
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    general_site = models.ForeignKey(
        "registry.GeneralSite",
        verbose_name=_("general e-information site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    social_account = models.ForeignKey(
        "registry.SocialAccount",
        verbose_name=_("social account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    reporter = models.ForeignKey(
        "registry.ResidentReporter",
        verbose_name=_("resident reporter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    subject_text = models.CharField(
        _("other subject"),
        max_length=300,
        blank=True,
        help_text=_("Who or what the matter is about, when it is not in the registry."),
    )
    persons = models.JSONField(
        _("people named"),
        default=list,
        blank=True,
        help_text=_("Names of private persons in this case; they are masked when published."),
    )
    articles = models.ManyToManyField(
        "monitoring.Article", verbose_name=_("articles"), blank=True, related_name="cases"
    )
    # where it came from (a finding has no model yet: a generic reference links it)
    source_kind = models.CharField(_("source kind"), max_length=40, blank=True)
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source_label = models.CharField(_("source"), max_length=300, blank=True)
    reported_by_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("reported by unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_cases",
        editable=False,
        help_text=_("The unit whose liaison reported the article; it sees the case."),
    )
    referred_to = models.CharField(_("referred to"), max_length=250, blank=True)
    # when each step was reached (set by cases.workflow.transition)
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True, editable=False)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True, editable=False)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("sanction decided"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    detail_url_name = "cases:case_detail"

    class Meta:
        ordering = ("-year", "-sequence")
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"{self.sequence}/{self.year}"

    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES

    @property
    def subject_name(self) -> str:
        """The subject as one line (registry subjects first, then the free text)."""
        for subject in (self.press_agency, self.general_site, self.social_account, self.reporter):
            if subject is not None:
                return str(subject)
        return self.subject_text

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Case], unit_id: int, role: str
    ) -> models.QuerySet[Case]:
        """A unit sees the cases that have (or had) an assignment to it and the cases it reported
        itself, and nothing else."""
        from cases.models.assignments import Assignment

        routed = Assignment.objects.filter(unit_id=unit_id).values("case_id")
        return queryset.filter(models.Q(pk__in=routed) | models.Q(reported_by_unit_id=unit_id))

    def source_reference(self) -> dict[str, Any]:
        return {"kind": self.source_kind, "id": self.source_id, "label": self.source_label}
