"""Accounts: each person acts in one role, for one unit where the role needs it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import Role
from core.models import ChangeLoggedModel

#: Roles that act for a unit and see only what is routed to it.
UNIT_ROLES = (Role.UNIT_LIAISON, Role.POLICE_LIAISON, Role.PRESS_AGENCY)


class User(AbstractUser, ChangeLoggedModel):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # two-step sign-in (TOTP, accounts.totp): on when totp_enabled_at is set
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_enabled_at = models.DateTimeField(
        _("two-step sign-in since"), null=True, blank=True, editable=False
    )
    totp_last_step = models.BigIntegerField(default=0, editable=False)

    audit_ignore = ChangeLoggedModel.audit_ignore | {"last_login", "date_joined", "totp_last_step"}
    audit_redact = frozenset({"password", "totp_secret"})
    detail_url_name = "accounts:user_detail"

    class Meta:
        ordering = ("username",)
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[r.value for r in UNIT_ROLES]) | Q(unit__isnull=False),
                name="%(app_label)s_%(class)s_unit_roles_have_unit",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def totp_enabled(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)


class LoginFailure(models.Model):
    """A failed sign-in, counted to lock out guessing (per user name and per address)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    time = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-time",)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.time:%Y-%m-%d %H:%M}"
