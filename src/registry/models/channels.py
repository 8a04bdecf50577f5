"""State agencies' electronic channels (plan task 2.3) and spokespersons (NĐ 09/2017)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.choices import ChannelKind, RecordStatus
from registry.models.base import RegistryRecord


class StateChannel(RegistryRecord):
    """A portal, website, fanpage, Zalo OA or video channel run by a state body."""

    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=250)
    url = models.URLField(_("address (URL)"), max_length=500, unique=True)
    owner_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="state_channels",
    )
    administrator = models.CharField(_("administrator"), max_length=150, blank=True)
    administrator_contact = models.CharField(_("administrator contact"), max_length=150, blank=True)
    rules_accepted_on = models.DateField(
        _("operating rules accepted on"),
        null=True,
        blank=True,
        help_text=_("When the owner committed to the province's rules for state e-channels."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )

    search_fields = ("name", "url", "administrator")
    detail_url_name = "registry:statechannel_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("state e-channel")
        verbose_name_plural = _("state e-channels")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:statechannel_detail", args=[self.pk])


class SpokespersonQuerySet(models.QuerySet["Spokesperson"]):
    def current_on(self, day: datetime.date) -> SpokespersonQuerySet:
        return self.filter(
            Q(appointed_on__isnull=True) | Q(appointed_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        )


class Spokesperson(RegistryRecord):
    """A unit's spokesperson (người phát ngôn) with contact details and term."""

    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="spokespersons",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    document = models.CharField(_("appointment document"), max_length=200, blank=True)

    objects = SpokespersonQuerySet.as_manager()
    search_fields = ("full_name", "position")
    detail_url_name = "registry:spokesperson_detail"

    class Meta:
        ordering = ("unit__name", "-appointed_on")
        verbose_name = _("spokesperson")
        verbose_name_plural = _("spokespersons")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.unit})"

    def get_absolute_url(self) -> str:
        return reverse("registry:spokesperson_detail", args=[self.pk])
