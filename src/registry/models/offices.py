"""Representative offices (VPĐD) and resident reporters (PVTT) of press agencies, and the
notices agencies must send at least 5 days ahead (Press Law 2016 Art 22(6))."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from registry.choices import NoticeKind, RecordStatus
from registry.models.base import RegistryRecord


class PressCardFields(models.Model):
    """A press card as the registry records it: number, issuing agency, expiry."""

    card_number = models.CharField(_("press card number"), max_length=50, blank=True)
    card_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("card issued for agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    card_expires_on = models.DateField(_("card valid until"), null=True, blank=True)

    class Meta:
        abstract = True


class RepresentativeOffice(RegistryRecord, PressCardFields):
    """A press agency's representative office in the province; the card fields are the head's."""

    agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        related_name="offices",
    )
    name = models.CharField(_("name"), max_length=250, blank=True)
    address = models.CharField(_("address"), max_length=300)
    head_name = models.CharField(_("head of office"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )

    search_fields = ("name", "address", "head_name")
    detail_url_name = "registry:representativeoffice_detail"

    class Meta:
        ordering = ("agency__name", "pk")
        verbose_name = _("representative office")
        verbose_name_plural = _("representative offices")

    def __str__(self) -> str:
        return self.name or f"VPĐD {self.agency}"

    def get_absolute_url(self) -> str:
        return reverse("registry:representativeoffice_detail", args=[self.pk])


class ResidentReporter(RegistryRecord, PressCardFields):
    """A resident reporter (phóng viên thường trú) of a press agency in the province."""

    agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        related_name="reporters",
    )
    office = models.ForeignKey(
        RepresentativeOffice,
        verbose_name=_("office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporters",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )

    search_fields = ("full_name", "card_number")
    detail_url_name = "registry:residentreporter_detail"

    class Meta:
        ordering = ("full_name",)
        verbose_name = _("resident reporter")
        verbose_name_plural = _("resident reporters")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("registry:residentreporter_detail", args=[self.pk])


class Notice(ChangeLoggedModel):
    """A written notice from a press agency about its office or reporters."""

    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    office = models.ForeignKey(
        RepresentativeOffice,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    reporter = models.ForeignKey(
        ResidentReporter,
        verbose_name=_("reporter"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    document = models.CharField(_("document (number)"), max_length=200, blank=True)
    sent_on = models.DateField(_("document date"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    effective_on = models.DateField(_("change takes effect on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("-effective_on", "pk")
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(office__isnull=False) | Q(reporter__isnull=False),
                name="%(app_label)s_%(class)s_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.agency} ({self.effective_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        subject = self.office or self.reporter
        return subject.get_absolute_url() if subject else reverse("registry:home")

    @property
    def days_ahead(self) -> int:
        """Days between the notice reaching the province (or its date) and the change."""
        return (self.effective_on - (self.received_on or self.sent_on)).days
