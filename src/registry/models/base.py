"""Shared pieces of registry records: publication flag, accent-insensitive search key."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from core.text import fold_diacritics


class RegistryRecord(ChangeLoggedModel):
    """A registry record: audited, searchable without accents, optionally published.

    ``search_fields`` name the text fields (or JSON lists of strings) folded into ``search_key``.
    ``published`` puts the record on the public pages; nothing else is ever shown there.
    """

    published = models.BooleanField(
        _("published"), default=False, help_text=_("Show this record on the public pages.")
    )
    needs_verification = models.BooleanField(
        _("details to verify"),
        default=False,
        help_text=_("Some details are not confirmed; they are not presented as authoritative."),
    )
    note = models.TextField(_("note"), blank=True)
    search_key = models.TextField(editable=False, default="")

    search_fields: ClassVar[tuple[str, ...]] = ("name",)
    audit_ignore = ChangeLoggedModel.audit_ignore | {"search_key"}

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        parts: list[str] = []
        for name in self.search_fields:
            value = getattr(self, name, "")
            if isinstance(value, list):
                parts.extend(str(v) for v in value)
            else:
                parts.append(str(value or ""))
        self.search_key = fold_diacritics(" | ".join(p for p in parts if p))
        super().save(*args, **kwargs)  # type: ignore[arg-type]
