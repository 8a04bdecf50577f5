"""Charts as PNG images for the DOCX files (matplotlib, Agg backend; DejaVu Sans, which ships
with matplotlib, renders Vietnamese). Each function takes plain numbers and returns PNG bytes."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

TONE_COLORS = {"positive": "#27ae60", "neutral": "#95a5a6", "negative": "#c0392b"}
DPI = 150


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    return out.getvalue()


def _figure(width: float = 6.0, height: float = 3.0) -> Figure:
    figure = Figure(figsize=(width, height))
    figure.set_facecolor("white")
    return figure


def tone_bars(labels: Sequence[str], counts: Sequence[int], keys: Sequence[str]) -> bytes:
    """One horizontal bar per tone, with its count and share written at the end."""
    figure = _figure(6.0, 2.2)
    axes = figure.add_subplot()
    total = sum(counts) or 1
    colors = [TONE_COLORS.get(key, "#777777") for key in keys]
    bars = axes.barh(list(labels), list(counts), color=colors)
    for bar, count in zip(bars, counts, strict=True):
        axes.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f"  {count} ({100 * count / total:.1f}%)",
            va="center",
            fontsize=9,
        )
    axes.invert_yaxis()
    axes.set_xlim(0, max(max(counts, default=0) * 1.35, 1))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=9)
    return _png(figure)


def ranked_bars(labels: Sequence[str], values: Sequence[int], *, color: str = "#2c6fbb") -> bytes:
    """Horizontal bars, largest on top (top sectors or localities)."""
    figure = _figure(6.0, max(1.6, 0.45 * len(labels) + 0.6))
    axes = figure.add_subplot()
    bars = axes.barh(list(labels), list(values), color=color)
    for bar, value in zip(bars, values, strict=True):
        axes.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f"  {value}",
            va="center",
            fontsize=9,
        )
    axes.invert_yaxis()
    axes.set_xlim(0, max(max(values, default=0) * 1.2, 1))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=9)
    return _png(figure)


def daily_lines(
    days: Sequence[datetime.date], series: Sequence[tuple[str, str, Sequence[int]]]
) -> bytes:
    """Articles per day: one line per (label, tone key, values)."""
    figure = _figure(6.5, 2.8)
    axes = figure.add_subplot()
    x = list(range(len(days)))
    for label, key, values in series:
        axes.plot(x, list(values), label=label, color=TONE_COLORS.get(key), linewidth=1.6)
    step = max(1, len(days) // 10)
    axes.set_xticks(x[::step], [f"{day:%d/%m}" for day in days][::step])
    axes.legend(fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.set_ylim(bottom=0)
    return _png(figure)
