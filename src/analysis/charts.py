"""Server-side SVG charts (no JavaScript): stacked daily bars. Every label is escaped; the page
shows the same numbers in a table below each chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
HEIGHT = 220
MARGIN_LEFT = 36
MARGIN_BOTTOM = 24
MARGIN_TOP = 8


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: tuple[int, ...]
    color: str


def _ticks(top: int) -> list[int]:
    if top <= 0:
        return [0]
    step = max(1, round(top / 4))
    return list(range(0, top + 1, step))


def stacked_bars(days: Sequence[date], series: Sequence[Series], *, title: str) -> SafeString:
    """A stacked bar per day; each segment has a tooltip (``<title>``) with its number."""
    totals = [sum(s.values[i] for s in series) for i in range(len(days))]
    top = max(totals, default=0) or 1
    plot_w = WIDTH - MARGIN_LEFT - 4
    plot_h = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_w / max(len(days), 1)
    bar = max(slot * 0.7, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in _ticks(top):
        y = MARGIN_TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - 4}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{MARGIN_LEFT - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#555">{tick}</text>'
        )
    for i, day in enumerate(days):
        x = MARGIN_LEFT + i * slot + (slot - bar) / 2
        base = float(MARGIN_TOP + plot_h)
        for s in series:
            value = s.values[i]
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            tip = f"{day:%d/%m}: {s.label} {value}"
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{escape(s.color)}"><title>{escape(tip)}</title></rect>'
            )
        if len(days) <= 14 or i % max(1, len(days) // 10) == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - 6}" font-size="11" '
                f'text-anchor="middle" fill="#555">{day:%d/%m}</text>'
            )
    legend_x = MARGIN_LEFT + 4
    for s in series:
        parts.append(
            f'<rect x="{legend_x}" y="{MARGIN_TOP}" width="10" height="10" '
            f'fill="{escape(s.color)}"/><text x="{legend_x + 14}" y="{MARGIN_TOP + 9}" '
            f'font-size="11" fill="#333">{escape(s.label)}</text>'
        )
        legend_x += 14 + 8 * len(s.label) + 16
    parts.append("</svg>")
    return mark_safe("".join(parts))
