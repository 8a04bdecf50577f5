"""Press agencies (cơ quan báo chí): newspapers, magazines, radio and television."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.choices import MAGAZINE_TYPES, AgencyLevel, RecordStatus
from registry.models.base import RegistryRecord


class PressAgency(RegistryRecord):
    """A licensed press agency. Its licensed scope (tôn chỉ mục đích) is kept as text and as
    structured sectors and keywords, which off-scope detection compares articles against."""

    name = models.CharField(_("name"), max_length=250)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    media_types = models.JSONField(
        _("media types"),
        default=list,
        blank=True,
        help_text=_("One or more media types."),
    )
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    governing_body = models.CharField(_("governing body"), max_length=250, blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit (for routing work)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_agencies",
    )
    scope_text = models.TextField(_("licensed scope (tôn chỉ mục đích)"), blank=True)
    scope_sectors = models.JSONField(_("sectors within scope"), default=list, blank=True)
    scope_keywords = models.JSONField(_("keywords within scope"), default=list, blank=True)
    is_science_journal = models.BooleanField(_("science journal"), default=False)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    feeds = models.JSONField(_("feeds"), default=list, blank=True)
    head_office = models.CharField(_("head office"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.ACTIVE
    )

    search_fields = ("name", "aliases", "domains", "governing_body")
    detail_url_name = "registry:pressagency_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("press agency")
        verbose_name_plural = _("press agencies")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="%(app_label)s_%(class)s_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:pressagency_detail", args=[self.pk])

    @property
    def is_magazine(self) -> bool:
        return bool(set(self.media_types) & MAGAZINE_TYPES)
