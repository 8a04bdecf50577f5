"""The audit trail: every create, update and delete of a domain record (after NetBox)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class ChangeLoggedModel(models.Model):
    """Base for domain records whose every change is written to :class:`ObjectChange`.

    ``audit_ignore`` names fields left out of snapshots (automatic timestamps);
    ``audit_redact`` names fields whose value is replaced by a fingerprint (password hashes).
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_ignore: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at"})
    audit_redact: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    def changes(self) -> models.QuerySet[ObjectChange]:
        """This record's audit entries, newest first."""
        content_type = ContentType.objects.get_for_model(type(self))
        return ObjectChange.objects.filter(
            content_type=content_type, object_id=str(self.pk)
        ).select_related("user")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class ObjectChange(models.Model):
    """One change to one record: who, when, on which request, before and after."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes_made",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    actor = models.CharField(_("system actor"), max_length=100, blank=True)
    request_id = models.UUIDField(_("request"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    prechange = models.JSONField(_("before"), null=True, blank=True)
    postchange = models.JSONField(_("after"), null=True, blank=True)
    changed_fields = models.JSONField(_("changed fields"), default=list)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ("-time", "-pk")
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="core_objectchange_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def who(self) -> str:
        return self.user_name or self.actor or "—"

    def diff(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each changed field."""
        before = self.prechange or {}
        after = self.postchange or {}
        return [(name, before.get(name), after.get(name)) for name in self.changed_fields]

    def object_url(self) -> str | None:
        """The changed record's page, if it still exists and has one."""
        model = self.content_type.model_class()
        url_name = getattr(model, "detail_url_name", None)
        if not url_name or self.action == ChangeAction.DELETE:
            return None
        try:
            return reverse(url_name, args=[self.object_id])
        except NoReverseMatch:
            return None
