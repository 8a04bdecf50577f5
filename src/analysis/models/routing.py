"""Which unit follows up news about a locality (sectors route through accounts.Sector)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel


class LocalityRoute(ChangeLoggedModel):
    """News about the place ``place_code`` goes to ``unit`` (usually the commune's People's
    Committee). Without a route, the commune unit whose area is that place is used."""

    place_code = models.SlugField(_("place code"), max_length=80)
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ("place_code",)
        verbose_name = _("locality route")
        verbose_name_plural = _("locality routes")
        constraints = [
            models.UniqueConstraint(
                fields=["place_code", "unit"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.place_code} → {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("analysis:rule_list")
