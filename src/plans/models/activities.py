"""Work the office records against the plan: training events, inspections and press orders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from plans.choices import InspectionKind, InspectionStatus, OrderStatus, TrainingKind
from plans.models.plans import PlanTask


class TrainingEvent(ChangeLoggedModel):
    """A training course (tập huấn, bồi dưỡng); linked to a plan task, it counts towards that
    task's yearly minimum (``PlanTask.min_per_year``)."""

    kind = models.CharField(_("for"), max_length=15, choices=TrainingKind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    organiser = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="training_events",
    )
    participants_count = models.PositiveIntegerField(_("number of participants"), default=0)
    participants = models.TextField(_("participants"), blank=True, help_text=_("One per line."))
    task = models.ForeignKey(
        PlanTask,
        verbose_name=_("plan task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_events",
    )
    notes = models.TextField(_("notes"), blank=True)

    detail_url_name = "plans:training_detail"

    class Meta:
        ordering = ("-date", "-pk")
        verbose_name = _("training event")
        verbose_name_plural = _("training events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:training_detail", args=[self.pk])

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[TrainingEvent], unit_id: int, role: str
    ) -> models.QuerySet[TrainingEvent]:
        """A unit sees the events it organised."""
        return queryset.filter(organiser_id=unit_id)


class Inspection(ChangeLoggedModel):
    """An inspection (kiểm tra) of a press agency or a general e-information site.

    ``case_reference`` holds the number of the case a finding opens, as text until inspections
    are linked to the cases app.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=InspectionKind.choices)
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    general_site = models.ForeignKey(
        "registry.GeneralSite",
        verbose_name=_("general e-information site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    date = models.DateField(_("date"))
    team = models.TextField(_("inspection team"), blank=True, help_text=_("One member per line."))
    findings = models.TextField(_("findings"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    opens_case = models.BooleanField(_("opens a case"), default=False)
    case_reference = models.CharField(_("case reference"), max_length=100, blank=True)
    task = models.ForeignKey(
        PlanTask,
        verbose_name=_("plan task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
    )

    detail_url_name = "plans:inspection_detail"

    class Meta:
        ordering = ("-date", "-pk")
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(
                condition=(Q(press_agency__isnull=False) & Q(general_site__isnull=True))
                | (Q(press_agency__isnull=True) & Q(general_site__isnull=False)),
                name="%(app_label)s_%(class)s_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.target} · {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("plans:inspection_detail", args=[self.pk])

    @property
    def target(self) -> models.Model | None:
        return self.press_agency or self.general_site


class PressOrder(ChangeLoggedModel):
    """A commission (đặt hàng) of press works on a topic from one press agency.

    ``topic_query`` is written in the search syntax (words, "phrases"); articles of the agency's
    sources in the period that match it are proposed as matches for the office to confirm.
    """

    agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        related_name="press_orders",
    )
    topic = models.CharField(_("topic"), max_length=300)
    topic_query = models.TextField(
        _("topic query"),
        blank=True,
        help_text=_('Words or "phrases" the works contain; empty: the topic is used.'),
    )
    works_count = models.PositiveIntegerField(_("number of works"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    budget_vnd = models.PositiveBigIntegerField(_("budget (VND)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.ACTIVE
    )
    task = models.ForeignKey(
        PlanTask,
        verbose_name=_("plan task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_orders",
    )
    note = models.TextField(_("note"), blank=True)

    detail_url_name = "plans:order_detail"

    class Meta:
        ordering = ("-period_start", "-pk")
        verbose_name = _("press order")
        verbose_name_plural = _("press orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="%(app_label)s_%(class)s_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("plans:order_detail", args=[self.pk])

    @property
    def query_text(self) -> str:
        return self.topic_query.strip() or self.topic


class PressOrderMatch(ChangeLoggedModel):
    """An article proposed as one of the ordered works; the office confirms or rejects it."""

    order = models.ForeignKey(PressOrder, on_delete=models.CASCADE, related_name="matches")
    article = models.ForeignKey(
        "monitoring.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    rank = models.FloatField(_("rank"), default=0.0)
    snippet = models.TextField(_("snippet"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    rejected = models.BooleanField(_("rejected"), default=False)

    class Meta:
        ordering = ("-rank", "pk")
        verbose_name = _("press order match")
        verbose_name_plural = _("press order matches")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "article"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order} · {self.article}"

    @property
    def state(self) -> str:
        if self.rejected:
            return "rejected"
        return "confirmed" if self.confirmed_at else "proposed"
