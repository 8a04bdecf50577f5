"""Administrative areas with their validity dates and spelling variants.

Provinces, the former district-level units (abolished on 01/07/2025) and communes/wards. Areas are
merged and renamed; an area keeps its ``valid_from``/``valid_to`` and points to its ``successor``
so that text about an old area can be mapped to the current one.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel, DatedModel, ValidityQuerySet
from core.text import fold_diacritics


class AreaKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("Provincial city")
    DISTRICT = "district", _("District")
    TOWN = "town", _("Town (thị xã)")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    TOWNSHIP = "township", _("Township (thị trấn)")


class AreaQuerySet(ValidityQuerySet["Area"]):
    """Rows in force on a date (``valid_on``)."""


class Area(DatedModel, ChangeLoggedModel):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    variants = models.JSONField(
        _("spelling variants"),
        default=list,
        blank=True,
        help_text=_("Other spellings seen in documents and the press, one per item."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    note = models.TextField(_("note"), blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = AreaQuerySet.as_manager()
    audit_ignore = ChangeLoggedModel.audit_ignore | {"search_key"}
    detail_url_name = "places:area_detail"

    class Meta(DatedModel.Meta):
        ordering = ("kind", "name")
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("places:area_detail", args=[self.pk])

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = fold_diacritics(" | ".join([self.name, *self.variants]))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def current(self, day: datetime.date) -> Area:
        """The area that carries this one on ``day`` (following ``successor`` links)."""
        area: Area = self
        seen = {area.pk}
        while not area.is_valid_on(day) and area.successor_id and area.successor_id not in seen:
            seen.add(area.successor_id)
            area = Area.objects.get(pk=area.successor_id)
        return area
