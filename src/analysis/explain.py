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
    "alert.negative_about_province": _("Negative news about the province (tone score %(score)s)."),
    "alert.spike": _(
        "Unusual volume for %(label)s: %(current)s items in this %(window)s against a usual "
        "%(baseline)s."
    ),
    "alert.finding": _("Violation finding: %(summary)s"),
    "tone.drivers": _("Tone %(label)s because of: %(words)s."),
    "sector.evidence": _("Sector %(sector)s because of: %(words)s."),
    # the locality tagger's reasons (analysis.engine.tagging.TEMPLATES)
    "counted": _("%(name)s (%(kind)s) is mentioned %(count)s time(s) in the %(fields)s."),
    "accepted_context": _(
        "“%(surface)s” was read as %(name)s (%(kind)s) because the text also names %(anchor)s."
    ),
    "rejected_context": _(
        "“%(surface)s” was not counted: the name also exists elsewhere and the text names no "
        "unambiguous place of the province."
    ),
    "rejected_prefix": _(
        "“%(surface)s” was not counted: it is also a common word or a person's name and no "
        "place prefix (xã, phường, huyện…) comes before it."
    ),
    "rejected_other_province": _(
        "“%(surface)s” was not counted: it is followed by another province (%(province)s)."
    ),
    "rejected_diacritics": _("“%(surface)s” was not counted: its diacritics differ from %(name)s."),
    "rejected_case": _("“%(surface)s” was not counted: a place name is written with capitals."),
    "rejected_date": _("%(name)s was mentioned but was not part of the province on %(date)s."),
    "outside": _("Other provinces are mentioned: %(names)s (score %(score)s)."),
    "decision_about": _("About the province: score %(score)s reaches the threshold %(threshold)s."),
    "decision_below": _(
        "Not about the province: score %(score)s is below the threshold %(threshold)s."
    ),
    "decision_outweighed": _(
        "Not about the province: score %(score)s reaches the threshold but other provinces "
        "weigh more (score %(outside)s)."
    ),
    "nothing": _("No place, unit or official of the province is mentioned."),
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
