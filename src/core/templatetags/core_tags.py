"""Small template filters shared by every app."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``{{ mapping|get_item:key }}``: a dict or QueryDict value by a variable key."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
