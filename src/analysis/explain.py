"""Explanations are stored as ``[template_id, params]`` pairs and rendered here, translated.

The engine and this app name each kind of reason with a template id; the text for it lives in
``TEMPLATES`` (English msgids, translated in the ``vi`` catalogue). An id without a template is
shown with its parameters, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEMPLATES: dict[str, str | Promise] = {
    "alert.topic_match": _("Matches the watch topic “%(topic)s”."),
    "alert.negative_about_province": _(
        "Negative news about the province (tone score %(score)s)."
    ),
    "alert.spike": _(
        "Unusual volume for %(label)s: %(current)s items in this %(window)s against a usual "
        "%(baseline)s."
    ),
    "alert.finding": _("Violation finding: %(summary)s"),
    "tone.drivers": _("Tone %(label)s because of: %(words)s."),
    "sector.evidence": _("Sector %(sector)s because of: %(words)s."),
}


def register(template_id: str, text: str | Promise) -> None:
    """Add the text of an explanation template (for ids added by other modules)."""
    TEMPLATES[template_id] = text


def _display(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def render_item(template_id: str, params: Mapping[str, Any]) -> str:
    shown = {key: _display(value) for key, value in params.items()}
    template = TEMPLATES.get(template_id)
    if template is None:
        details = "; ".join(f"{k}: {v}" for k, v in shown.items())
        return f"{template_id} ({details})" if details else template_id
    try:
        return str(template) % shown
    except (KeyError, TypeError, ValueError):
        return f"{template} {shown}"


def render(items: Iterable[Any]) -> list[str]:
    """Each stored item as one translated sentence (strings pass through unchanged)."""
    lines: list[str] = []
    for item in items or ():
        if isinstance(item, str):
            lines.append(item)
        elif isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[1], dict):
            lines.append(render_item(str(item[0]), item[1]))
        else:
            lines.append(str(item))
    return lines
