"""General e-information sites, social networks and watched social accounts."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from registry.choices import Platform, RecordStatus
from registry.models.base import RegistryRecord


class GeneralSite(RegistryRecord):
    """A licensed general e-information site (trang thông tin điện tử tổng hợp)."""

    name = models.CharField(_("name"), max_length=250)
    owner_organisation = models.CharField(_("owner organisation"), max_length=250)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    responsible_person = models.CharField(
        _("person responsible for content"), max_length=150, blank=True
    )
    responsible_title = models.CharField(
        _("title shown for that person"),
        max_length=100,
        blank=True,
        help_text=_('As the site shows it, e.g. "Giám đốc" (a press title here is a signal).'),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )
    partners = models.ManyToManyField(
        "registry.PressAgency",
        through="registry.RepublicationAgreement",
        blank=True,
        related_name="partner_sites",
        verbose_name=_("written republication agreements"),
    )

    search_fields = ("name", "owner_organisation", "domains")
    detail_url_name = "registry:generalsite_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("general e-information site")
        verbose_name_plural = _("general e-information sites")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:generalsite_detail", args=[self.pk])


class RepublicationAgreement(ChangeLoggedModel):
    """A written agreement letting a general site republish a press agency's works."""

    site = models.ForeignKey(GeneralSite, on_delete=models.CASCADE, related_name="agreements")
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    document = models.CharField(_("agreement (number, date)"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ("site", "press_agency")
        verbose_name = _("republication agreement")
        verbose_name_plural = _("republication agreements")

    def __str__(self) -> str:
        return f"{self.site} ← {self.press_agency}"

    def get_absolute_url(self) -> str:
        return self.site.get_absolute_url()


class SocialNetwork(RegistryRecord):
    """A licensed social network (mạng xã hội) run by an organisation in the province."""

    name = models.CharField(_("name"), max_length=250)
    owner_organisation = models.CharField(_("owner organisation"), max_length=250)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )

    search_fields = ("name", "owner_organisation", "domains")
    detail_url_name = "registry:socialnetwork_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("social network")
        verbose_name_plural = _("social networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:socialnetwork_detail", args=[self.pk])


class SocialAccount(RegistryRecord):
    """A page, channel or account on a social platform that the office watches."""

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("name"), max_length=250)
    url = models.URLField(_("address (URL)"), max_length=500, unique=True)
    owner_name = models.CharField(_("owner, if known"), max_length=250, blank=True)
    owner_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("owner unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_accounts",
    )
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency it belongs to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_accounts",
    )
    watched = models.BooleanField(_("watched"), default=True)

    search_fields = ("name", "url", "owner_name")
    detail_url_name = "registry:socialaccount_detail"

    class Meta:
        ordering = ("platform", "name")
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    def get_absolute_url(self) -> str:
        return reverse("registry:socialaccount_detail", args=[self.pk])
