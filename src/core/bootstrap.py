"""Steps of `presswatch bootstrap`, registered by each app (core knows none of them).

A step is ``step(report, demo=bool)``; it must be idempotent (match rows by a natural key and
update in place). Steps run in ``order`` inside one transaction, as the actor "bootstrap".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from core.context import acting


@dataclass
class BootstrapReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: str, *, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[model] = bucket.get(model, 0) + 1


Step = Callable[..., None]
_STEPS: list[tuple[int, str, Step, bool]] = []


def step(order: int, *, demo_only: bool = False) -> Callable[[Step], Step]:
    """Register a bootstrap step (``demo_only`` steps run only with --demo)."""

    def add(function: Step) -> Step:
        name = f"{function.__module__}.{function.__name__}"
        if all(existing != name for _o, existing, _f, _d in _STEPS):
            _STEPS.append((order, name, function, demo_only))
            _STEPS.sort(key=lambda item: (item[0], item[1]))
        return function

    return add


def run(*, demo: bool) -> BootstrapReport:
    report = BootstrapReport()
    with acting(actor="bootstrap"), transaction.atomic():
        for _order, _name, function, demo_only in _STEPS:
            if demo or not demo_only:
                function(report)
    return report
