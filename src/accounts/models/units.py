"""Units: the organisations PressWatch routes work to (departments, communes, police, press …)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel, DatedModel, ValidityQuerySet
from core.querysets import search_folded
from core.text import fold_diacritics


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee (province)")
    DEPARTMENT = "department", _("Department, board or agency")
    PARTY = "party", _("Party committee or board")
    COMMUNE = "commune", _("Commune or ward People's Committee")
    POLICE = "police", _("Police")
    MILITARY = "military", _("Military command")
    ASSOCIATION = "association", _("Association")
    PRESS_AGENCY = "press_agency", _("Press agency")
    CENTRAL = "central", _("Central body")
    OTHER = "other", _("Other")


class UnitQuerySet(ValidityQuerySet["Unit"]):
    """Rows in force on a date (``valid_on``), and search."""

    def search(self, text: str) -> UnitQuerySet:
        """Match name, short name or alias, ignoring case, diacritics and tone-mark style."""
        return search_folded(self, text)


class Unit(DatedModel, ChangeLoggedModel):
    """An organisation that receives work from the press office (plan: "đơn vị").

    Units are merged and renamed: each keeps its validity dates and a ``successor``. ``aliases``
    hold the other names documents use ("Sở TT&TT", "Đài PTTH Đắk Nông"), for matching.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names used in documents, one per line."),
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    press_successor = models.ForeignKey(
        "self",
        verbose_name=_("press work taken over by"),
        help_text=_(
            "When press and online-information management went to another unit than the "
            "successor (Sở TT&TT → Sở VHTTDL in 2025): plan tasks follow this unit."
        ),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_predecessors",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    needs_verification = models.BooleanField(
        _("needs verification"),
        default=False,
        help_text=_("Set when a fact about this unit (name, dates, merger) is not yet confirmed."),
    )
    note = models.TextField(_("note"), blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = UnitQuerySet.as_manager()
    audit_ignore = ChangeLoggedModel.audit_ignore | {"search_key"}
    detail_url_name = "accounts:unit_detail"

    class Meta(DatedModel.Meta):
        ordering = ("name",)
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    @property
    def successor_for_press(self) -> Unit | None:
        """Where press work went when this unit ended: ``press_successor``, else ``successor``."""
        return self.press_successor or self.successor

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:unit_detail", args=[self.pk])

    def save(self, *args: object, **kwargs: object) -> None:
        names = [self.name, self.short_name, *self.aliases]
        self.search_key = fold_diacritics(" | ".join(n for n in names if n))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
