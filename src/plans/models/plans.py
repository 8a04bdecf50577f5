"""Plans (kế hoạch) imported from documents: tasks, their units and reporting duties."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from plans.choices import MatchMethod, PlanStatus, ReportCadence, UnitRole


class Plan(ChangeLoggedModel):
    """One plan document as imported, with the settings that turn its schedules into periods.

    ``raw_schema`` is the parser's output (DECISIONS §5) kept as it was imported. The reporting
    settings (``report_cadence``, ``report_month``/``report_day``) say when units report on
    continuous work; the tracking window (``track_from``..``track_to``) bounds the due dates for
    which periods exist.
    """

    title = models.TextField(_("title"))
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    reference_date = models.DateField(
        _("reference date"),
        help_text=_("The date units are matched on: the plan's date, else its latest legal basis."),
    )
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    source_name = models.CharField(_("source file"), max_length=255)
    source_sha256 = models.CharField(_("SHA-256 of the source file"), max_length=64, unique=True)
    source_file = models.FileField(_("document"), upload_to="plans/sources/", blank=True)
    raw_schema = models.JSONField(_("parsed document"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    report_cadence = models.CharField(
        _("reporting on continuous tasks"),
        max_length=12,
        choices=ReportCadence.choices,
        default=ReportCadence.ANNUAL,
    )
    report_month = models.PositiveSmallIntegerField(_("report due: month"), default=11)
    report_day = models.PositiveSmallIntegerField(_("report due: day"), default=25)
    track_from = models.DateField(_("track periods from"))
    track_to = models.DateField(_("track periods until"))
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before a due date"), default=7
    )

    detail_url_name = "plans:plan_detail"

    class Meta:
        ordering = ("-imported_at", "-pk")
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["number", "date"],
                condition=~Q(number="") & Q(date__isnull=False),
                name="%(app_label)s_%(class)s_unique_number_date",
            ),
            models.CheckConstraint(
                condition=Q(track_to__gte=models.F("track_from")),
                name="%(app_label)s_%(class)s_track_range",
            ),
            models.CheckConstraint(
                condition=Q(report_month__gte=1, report_month__lte=12)
                & Q(report_day__gte=1, report_day__lte=31),
                name="%(app_label)s_%(class)s_report_day",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.number} " if self.number else ""
        return f"{label}{self.title}"[:200]

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Plan], unit_id: int, role: str
    ) -> models.QuerySet[Plan]:
        """Plans in which the unit leads or coordinates at least one task."""
        ids = TaskUnit.objects.filter(unit_id=unit_id).values("task__plan_id")
        return queryset.filter(pk__in=ids)


class PlanTask(ChangeLoggedModel):
    """A task of a plan ("1.2"), with its units (as written and as matched) and schedule."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=30)
    title = models.TextField(_("title"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    units = models.ManyToManyField(
        "accounts.Unit",
        through="plans.TaskUnit",
        through_fields=("task", "unit"),
        related_name="plan_tasks",
        verbose_name=_("units"),
    )
    lead_names = models.JSONField(_("lead units as written"), default=list, blank=True)
    coordinating_names = models.JSONField(
        _("coordinating units as written"), default=list, blank=True
    )
    schedule_kind = models.CharField(_("schedule"), max_length=12)
    schedule_start = models.DateField(_("start"), null=True, blank=True)
    schedule_end = models.DateField(_("end"), null=True, blank=True)
    schedule_due = models.DateField(_("due"), null=True, blank=True)
    min_per_year = models.PositiveSmallIntegerField(_("at least per year"), null=True, blank=True)
    schedule_raw = models.TextField(_("time as written"), blank=True)

    detail_url_name = "plans:task_detail"

    class Meta:
        ordering = ("plan", "order")
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"[:200]

    def get_absolute_url(self) -> str:
        return reverse("plans:task_detail", args=[self.pk])

    @property
    def depth(self) -> int:
        return self.code.count(".")

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[PlanTask], unit_id: int, role: str
    ) -> models.QuerySet[PlanTask]:
        """Tasks the unit leads or coordinates (directly or through a collective)."""
        return queryset.filter(pk__in=TaskUnit.objects.filter(unit_id=unit_id).values("task_id"))


class TaskUnit(ChangeLoggedModel):
    """A unit on a task: ``unit`` is responsible now, ``named_unit`` is the unit the plan named
    (they differ when the named unit has since been dissolved and ``successor`` was followed)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("responsible unit"), on_delete=models.PROTECT
    )
    named_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit named in the plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=12, choices=UnitRole.choices)
    name_as_written = models.CharField(_("name as written"), max_length=300)
    method = models.CharField(_("matched by"), max_length=12, choices=MatchMethod.choices)
    score = models.FloatField(_("similarity"), default=1.0)

    class Meta:
        ordering = ("task", "role", "unit__name")
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "role"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.unit} ({self.get_role_display()})"

    @property
    def succeeded(self) -> bool:
        return self.named_unit_id is not None and self.named_unit_id != self.unit_id


class UnmatchedUnitName(ChangeLoggedModel):
    """A unit name of the plan that matched no unit: the office resolves or ignores it.

    ``occurrences`` lists where it appears: ``[{"task": "2.2", "role": "coordinating"}]``.
    ``suggested_unit`` is the closest unit below the acceptance threshold, shown as a candidate.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="unmatched_names")
    raw_name = models.CharField(_("name as written"), max_length=300)
    occurrences = models.JSONField(_("where it appears"), default=list)
    is_collective = models.BooleanField(_("collective"), default=False)
    suggested_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("closest unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggested_score = models.FloatField(_("similarity"), default=0.0)
    resolved_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("resolved to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ignored = models.BooleanField(_("ignored"), default=False)

    class Meta:
        ordering = ("plan", "raw_name")
        verbose_name = _("unmatched unit name")
        verbose_name_plural = _("unmatched unit names")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "raw_name"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return self.raw_name

    @property
    def task_codes(self) -> list[str]:
        codes: list[str] = []
        for item in self.occurrences:
            if item["task"] not in codes:
                codes.append(item["task"])
        return codes

    @property
    def is_open(self) -> bool:
        return self.resolved_unit_id is None and not self.ignored


class ReportingDuty(ChangeLoggedModel):
    """A duty to report from the plan's organisation and reporting sections."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_duties")
    what = models.TextField(_("what"))
    who = models.CharField(_("who"), max_length=300, blank=True)
    due_rule = models.CharField(_("when"), max_length=300, blank=True)
    raw = models.TextField(_("as written"), blank=True)
    next_due = models.DateField(_("next due"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("plan", "order")
        verbose_name = _("reporting duty")
        verbose_name_plural = _("reporting duties")

    def __str__(self) -> str:
        return f"{self.who or '—'}: {self.what}"[:200]
