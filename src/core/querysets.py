"""Query helpers shared by every app."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from core.text import fold_diacritics

_Q = TypeVar("_Q", bound=models.QuerySet[Any])


def search_folded(queryset: _Q, text: str) -> _Q:
    """Rows whose ``search_key`` (a diacritics-folded copy of their names) contains ``text``,
    ignoring case, diacritics and tone-mark style. Empty text filters nothing."""
    key = fold_diacritics(text)
    return queryset.filter(search_key__contains=key) if key else queryset
