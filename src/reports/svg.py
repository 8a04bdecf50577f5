"""A small server-side SVG chart for the leaders' page: horizontal bars with their values (the page
shows the same numbers in a table). Every label is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 420
ROW = 26
LABEL_WIDTH = 150


def hbars(rows: Sequence[tuple[str, int, str]], *, title: str) -> SafeString:
    """One bar per (label, value, colour), longest = full width."""
    top = max((value for _l, value, _c in rows), default=0) or 1
    height = ROW * len(rows) + 8
    plot = WIDTH - LABEL_WIDTH - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for index, (label, value, color) in enumerate(rows):
        y = 4 + index * ROW
        width = plot * value / top
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" font-size="12" text-anchor="end" '
            f'fill="#333">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW - 8}" '
            f'fill="{escape(color)}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 16}" font-size="12" '
            f'fill="#333">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label above is escaped
