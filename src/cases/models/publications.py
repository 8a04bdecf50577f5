"""The published handling result of a case (plan I.2: "công khai kết quả xử lý vi phạm")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel


class Publication(ChangeLoggedModel):
    """What the public page shows of one case: the fields the office chose, already redacted.

    The text is fixed at publication; later edits of the case do not leak onto the public page.
    """

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="publication",
    )
    fields = models.JSONField(_("fields published"), default=list)
    title = models.CharField(_("title"), max_length=300)
    content = models.JSONField(_("published content"), default=dict)
    published_at = models.DateTimeField(_("published"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    redacted = models.BooleanField(_("personal data masked"), default=True)

    class Meta:
        ordering = ("-published_at", "-pk")
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:public_detail", args=[self.pk])
