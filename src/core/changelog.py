"""Snapshots and change records for :class:`core.models.ChangeLoggedModel` subclasses.

Signal handlers (connected in ``CoreConfig.ready``) take a snapshot before and after each save,
delete and many-to-many change, and write one :class:`ObjectChange` with the acting user from
:data:`core.context.current_change`.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core.context import current_change
from core.models import ChangeAction, ChangeLoggedModel, ObjectChange

_BEFORE = "_audit_before"


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if hasattr(value, "name"):  # files
        return str(value.name or "")
    return str(value)


def snapshot(instance: ChangeLoggedModel) -> dict[str, Any]:
    """JSON-ready values of the instance's fields (foreign keys as ids, m2m as sorted ids)."""
    data: dict[str, Any] = {}
    meta = instance._meta
    for field in meta.concrete_fields:
        if field.name in instance.audit_ignore:
            continue
        value = getattr(instance, field.attname)
        if field.name in instance.audit_redact:
            value = "redacted:" + hashlib.sha256(str(value).encode()).hexdigest()[:8]
        data[field.name] = _json_value(value)
    if instance.pk is not None:
        for m2m in meta.many_to_many:
            if m2m.name not in instance.audit_ignore:
                manager = getattr(instance, m2m.name)
                data[m2m.name] = sorted(manager.values_list("pk", flat=True))
    return data


def _changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    before, after = before or {}, after or {}
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def record(
    instance: ChangeLoggedModel,
    action: ChangeAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ObjectChange | None:
    """Write one audit entry; an update that changed nothing is not recorded."""
    changed = _changed(before, after)
    if action == ChangeAction.UPDATE and not changed:
        return None
    context = current_change.get()
    user = _resolve_user(context.user if context else None)
    return ObjectChange.objects.create(
        user=user,
        user_name=getattr(user, "username", "") if user else "",
        actor=context.actor if context else "system",
        request_id=context.request_id if context else uuid.uuid4(),
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        prechange=before,
        postchange=after,
        changed_fields=changed,
        comment=context.comment if context else "",
    )


def _resolve_user(user: Any) -> Any:
    resolve = getattr(user, "resolve", None)
    if resolve is not None:
        user = resolve()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def _on_pre_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not isinstance(instance, ChangeLoggedModel) or kwargs.get("raw"):
        return
    before = None
    if instance.pk is not None and not instance._state.adding:
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        before = snapshot(stored) if stored is not None else None
    setattr(instance, _BEFORE, before)


def _on_post_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,  # noqa: FBT001  (Django signal signature)
    **kwargs: Any,
) -> None:
    if not isinstance(instance, ChangeLoggedModel) or kwargs.get("raw"):
        return
    before = getattr(instance, _BEFORE, None)
    action = ChangeAction.CREATE if created or before is None else ChangeAction.UPDATE
    record(instance, action, None if action == ChangeAction.CREATE else before, snapshot(instance))
    setattr(instance, _BEFORE, None)


def _on_pre_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, ChangeLoggedModel):
        setattr(instance, _BEFORE, snapshot(instance))


def _on_post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, ChangeLoggedModel):
        record(instance, ChangeAction.DELETE, getattr(instance, _BEFORE, None), None)


def _on_m2m_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,  # noqa: FBT001  (Django signal signature)
    **kwargs: Any,
) -> None:
    if reverse or not isinstance(instance, ChangeLoggedModel):
        return
    if action.startswith("pre_"):
        setattr(instance, _BEFORE, snapshot(instance))
    elif action.startswith("post_"):
        record(instance, ChangeAction.UPDATE, getattr(instance, _BEFORE, None), snapshot(instance))


def connect() -> None:
    """Connect the handlers (once, from ``CoreConfig.ready``)."""
    pre_save.connect(_on_pre_save, dispatch_uid="core.changelog.pre_save")
    post_save.connect(_on_post_save, dispatch_uid="core.changelog.post_save")
    pre_delete.connect(_on_pre_delete, dispatch_uid="core.changelog.pre_delete")
    post_delete.connect(_on_post_delete, dispatch_uid="core.changelog.post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="core.changelog.m2m_changed")
