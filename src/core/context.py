"""Context variables that carry the acting user and change comment through a unit of work."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ChangeContext:
    """Who is changing data, on which request, and why."""

    user: Any = None  # accounts.User or None
    actor: str = ""  # label when no user acts: "bootstrap", "worker", "migration"
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    comment: str = ""


current_change: ContextVar[ChangeContext | None] = ContextVar("current_change", default=None)


@contextlib.contextmanager
def acting(*, user: Any = None, actor: str = "", comment: str = "") -> Iterator[ChangeContext]:
    """Run a block as ``user`` (or a system ``actor``); changes inside are logged under it."""
    outer = current_change.get()
    context = ChangeContext(
        user=user if user is not None else (outer.user if outer else None),
        actor=actor or (outer.actor if outer else ""),
        request_id=outer.request_id if outer else uuid.uuid4(),
        comment=comment or (outer.comment if outer else ""),
    )
    token = current_change.set(context)
    try:
        yield context
    finally:
        current_change.reset(token)
