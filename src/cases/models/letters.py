"""Official letters (công văn) generated for a case, as DOCX in the NĐ 30/2020 layout."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import LetterKind
from cases.models.storage import case_files
from core.models import ChangeLoggedModel


class Letter(ChangeLoggedModel):
    """A request to the assigned units, or the reply on the handling result (Press Law Art 39).

    The DOCX file is generated from the fields; units see a request only when addressed to them.
    """

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_('e.g. "125/SVHTTDL-TTBCXB"; empty (a draft) until the letter is issued.'),
    )
    # set once, when the letter is issued from the numbering register (cases.numbering)
    serial = models.PositiveIntegerField(_("number in the register"), null=True, blank=True)
    register_year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject (V/v)"), max_length=300)
    body = models.TextField(_("body"))
    units = models.ManyToManyField(
        "accounts.Unit", verbose_name=_("units addressed"), blank=True, related_name="+"
    )
    recipients_to = models.JSONField(_("addressed to (Kính gửi)"), default=list, blank=True)
    recipients = models.JSONField(_("copies to (Nơi nhận)"), default=list, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=20, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=150)
    signer_name = models.CharField(_("signer's name"), max_length=150)
    file = models.FileField(_("file"), storage=case_files, upload_to="letters/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("date", "pk")
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.UniqueConstraint(
                fields=["serial", "register_year", "symbol"],
                condition=models.Q(serial__isnull=False),
                name="%(app_label)s_%(class)s_unique_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or _('(no number)')} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("cases:letter_download", args=[self.case_id, self.pk])

    @property
    def is_draft(self) -> bool:
        """Not numbered yet: the document prints "Số: …/…"."""
        return not self.number


class LetterRegister(ChangeLoggedModel):
    """The numbering register (sổ đăng ký văn bản đi) of one document symbol in one year.

    ``last_number`` is the last number issued; :func:`cases.numbering.issue_number` raises it
    by one in a single UPDATE, so concurrent issuing never hands out a number twice (and the
    letters' unique constraint on number + year + symbol guards the database as well).
    """

    year = models.PositiveSmallIntegerField(_("year"))
    symbol = models.CharField(_("symbol"), max_length=60)
    kind = models.CharField(_("document kind"), max_length=40)
    last_number = models.PositiveIntegerField(_("last number issued"), default=0)

    audit_ignore = ChangeLoggedModel.audit_ignore

    class Meta:
        ordering = ("-year", "symbol")
        verbose_name = _("numbering register")
        verbose_name_plural = _("numbering registers")
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol"], name="%(app_label)s_%(class)s_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} · …/{self.symbol} · {self.last_number}"
