"""Version counters of the configurations each process caches (topics, gazetteer, lexicons).

A change anywhere bumps the counter in the database (signal handlers below); a process compares
the counter with the one its cache was built from before each use and rebuilds when they differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from analysis.models import ConfigVersion

TOPICS = "topics"
GAZETTEER = "gazetteer"
LEXICON = "lexicon"
TONE_MODEL = "tone_model"

_T = TypeVar("_T")


def current(name: str) -> str:
    """The stamp of the configuration's last change ("" before the first change)."""
    value = ConfigVersion.objects.filter(name=name).values_list("stamp", flat=True).first()
    return str(value or "")


def bump(name: str) -> None:
    stamp = uuid.uuid4().hex
    with transaction.atomic():
        updated = ConfigVersion.objects.filter(name=name).update(
            version=F("version") + 1, stamp=stamp
        )
        if not updated:
            ConfigVersion.objects.get_or_create(name=name, defaults={"version": 1, "stamp": stamp})


class Cached(Generic[_T]):
    """A value built from the database, rebuilt when its version counter moves."""

    def __init__(self, name: str, build: Callable[[], _T]) -> None:
        self.name = name
        self.build = build
        self._version: str | None = None
        self._value: _T | None = None

    def get(self) -> _T:
        version = current(self.name)
        if self._value is None or version != self._version:
            self._value = self.build()
            self._version = version
        return self._value

    def clear(self) -> None:
        self._value = None
        self._version = None


def _bumper(name: str) -> Callable[..., None]:
    def handler(sender: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return  # fixture loading
        bump(name)

    return handler


def connect() -> None:
    """Keep the counters moving when the rows behind each cache change."""
    from accounts.models import Sector, Unit
    from analysis.models import LexiconEntry, ToneModelFile, Topic
    from places.models import Area

    watched: list[tuple[type[Any], str]] = [
        (Topic, TOPICS),
        (Unit, GAZETTEER),
        (Area, GAZETTEER),
        (LexiconEntry, LEXICON),
        (Sector, LEXICON),
        (ToneModelFile, TONE_MODEL),
    ]
    for model, name in watched:
        uid = f"analysis.versions.{model.__name__}.{name}"
        post_save.connect(_bumper(name), sender=model, weak=False, dispatch_uid=uid + ".save")
        post_delete.connect(_bumper(name), sender=model, weak=False, dispatch_uid=uid + ".del")
