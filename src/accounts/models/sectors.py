"""The fixed sector list (DECISIONS §3) with its configurable responsible unit, and the
jurisdiction periods (which province and which press authority, by date)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel


class Sector(ChangeLoggedModel):
    """A sector id of DECISIONS §3 and the unit that must follow up news about it."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    scope = models.TextField(_("scope"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    responsible_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sectors",
    )

    detail_url_name = "accounts:sector_list"

    class Meta:
        ordering = ("position", "code")
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:sector_list")


class Jurisdiction(ChangeLoggedModel):
    """Who governs the press here during a period: the province, its People's Committee and the
    department responsible for the press (names and dates are data, reference/domain.md §7)."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    province = models.ForeignKey(
        "places.Area", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    peoples_committee = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("People's Committee"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    press_authority = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("press authority"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    needs_verification = models.BooleanField(_("needs verification"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("valid_from",)
        verbose_name = _("jurisdiction period")
        verbose_name_plural = _("jurisdiction periods")
        constraints = [
            models.UniqueConstraint(
                fields=["valid_from"], name="%(app_label)s_%(class)s_unique_start"
            )
        ]

    def __str__(self) -> str:
        start = self.valid_from.isoformat() if self.valid_from else "…"
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.province.name} ({start} – {end})"

    @classmethod
    def on(cls, day: datetime.date) -> Jurisdiction | None:
        """The period in force on ``day``."""
        return (
            cls.objects.select_related("province", "peoples_committee", "press_authority")
            .filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            )
            .order_by("-valid_from")
            .first()
        )
