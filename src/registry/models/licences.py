"""Licences and their status history."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from registry.choices import LicenceKind, LicenceStatus
from registry.models.base import RegistryRecord


class Licence(RegistryRecord):
    """A licence held by a press agency, a general e-info site or a social network."""

    kind = models.CharField(_("kind"), max_length=20, choices=LicenceKind.choices)
    number = models.CharField(_("number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=250)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LicenceStatus.choices, default=LicenceStatus.ACTIVE
    )
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="licences",
    )
    general_site = models.ForeignKey(
        "registry.GeneralSite",
        verbose_name=_("general e-info site"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="licences",
    )
    social_network = models.ForeignKey(
        "registry.SocialNetwork",
        verbose_name=_("social network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="licences",
    )

    search_fields = ("number", "issuer")
    detail_url_name = "registry:licence_detail"

    class Meta:
        ordering = ("-issued_on", "number")
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        press_agency__isnull=False,
                        general_site__isnull=True,
                        social_network__isnull=True,
                    )
                    | Q(
                        press_agency__isnull=True,
                        general_site__isnull=False,
                        social_network__isnull=True,
                    )
                    | Q(
                        press_agency__isnull=True,
                        general_site__isnull=True,
                        social_network__isnull=False,
                    )
                ),
                name="%(app_label)s_%(class)s_one_holder",
            ),
            models.UniqueConstraint(
                fields=["kind", "number", "issuer"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("registry:licence_detail", args=[self.pk])

    @property
    def holder(self) -> models.Model | None:
        return self.press_agency or self.general_site or self.social_network

    def is_expired_on(self, day: datetime.date) -> bool:
        return self.expires_on is not None and self.expires_on < day


class LicenceStatusChange(ChangeLoggedModel):
    """One step of a licence's status history (suspension from … to …, revocation, …)."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=LicenceStatus.choices)
    effective_on = models.DateField(_("from"))
    until = models.DateField(_("until"), null=True, blank=True)
    decision = models.CharField(_("decision (number, date)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("licence", "effective_on", "pk")
        verbose_name = _("licence status change")
        verbose_name_plural = _("licence status changes")

    def __str__(self) -> str:
        return f"{self.licence.number}: {self.get_status_display()} {self.effective_on}"

    def get_absolute_url(self) -> str:
        return self.licence.get_absolute_url()


class LicenceAttachment(ChangeLoggedModel):
    """A scan of the licence or of a decision about it."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="licences/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ("licence", "pk")

    def __str__(self) -> str:
        return self.title or str(self.file.name)

    def get_absolute_url(self) -> str:
        return self.licence.get_absolute_url()
