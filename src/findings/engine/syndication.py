"""Who copies whom: copy edges inside a near-duplicate cluster and the outlet-level graph.

Within a cluster, items are taken in publication order (the rule of :func:`clusters.original_key`);
each later item's source is the earlier item it resembles most (ties: the earlier one), or the
cluster's original when no pair similarity is known. An edge records the delay between the two
publications, whether the copy credits the source outlet, and whether it is verbatim.

A copy is *attributed* when its ``attribution`` (for example "Theo Báo Lâm Đồng") or, failing
that, the first or last ``ATTRIBUTION_WINDOW`` characters of its text name the source outlet. The
comparison is accent-, tone-placement-, case- and space-insensitive, and an outlet given as a
domain matches by its first label, so ``baolamdong.vn`` is credited by "Báo Lâm Đồng".
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.text import fold_diacritics
from findings.engine.clusters import as_aware, original_key
from findings.engine.dedup import Item, Match

#: Characters at each end of a copy's text searched for a credit when it has no attribution.
ATTRIBUTION_WINDOW = 300
#: A copy whose similarity to its source reaches this is verbatim.
VERBATIM_SIMILARITY = 0.95
_DOMAIN_SUFFIXES = ("com", "vn", "net", "org", "gov", "edu", "info", "www")


@dataclass(frozen=True)
class CopyEdge:
    """``copy_id`` republished ``source_id`` (``lag_minutes`` is None when a date is missing)."""

    source_id: str
    copy_id: str
    source_outlet: str
    copy_outlet: str
    lag_minutes: float | None
    similarity: float
    attributed: bool
    verbatim: bool


@dataclass(frozen=True)
class OutletLink:
    """How often ``copy_outlet`` republished ``source_outlet``, how fast and how credited."""

    source_outlet: str
    copy_outlet: str
    count: int
    median_lag: float | None
    attributed_share: float


def _squash(text: str) -> str:
    return "".join(ch for ch in fold_diacritics(text) if ch.isalnum())


def outlet_keys(outlet: str) -> list[str]:
    """Squashed forms of an outlet name that count as naming it (name and domain label)."""
    keys = {_squash(outlet)}
    labels = [p for p in outlet.lower().split(".") if p]
    if len(labels) > 1:
        meaningful = [p for p in labels if p not in _DOMAIN_SUFFIXES]
        if meaningful:
            keys.add(_squash(meaningful[0]))
    return sorted(k for k in keys if len(k) >= 3)


def credits(copy: Item, source_outlet: str) -> bool:
    """Whether ``copy`` names ``source_outlet`` in its attribution or at either end of its text."""
    keys = outlet_keys(source_outlet)
    if not keys:
        return False
    places = [copy.attribution] if copy.attribution.strip() else []
    if not places:
        places = [copy.text[:ATTRIBUTION_WINDOW], copy.text[-ATTRIBUTION_WINDOW:]]
    squashed = [_squash(place) for place in places]
    return any(key in place for key in keys for place in squashed)


def _similarity(pairs: Mapping[tuple[str, str], Match | float], a: str, b: str) -> float | None:
    value = pairs.get((a, b))
    if value is None:
        value = pairs.get((b, a))
    if value is None:
        return None
    return value.similarity if isinstance(value, Match) else float(value)


def copy_edges(
    cluster_items: Sequence[Item], similarities: Mapping[tuple[str, str], Match | float]
) -> list[CopyEdge]:
    """One edge per item of a cluster except its original, in publication order.

    ``similarities`` maps id pairs (either order) to a :class:`Match` or a similarity, for
    example ``DedupReport.pairs``.
    """
    ordered = sorted(cluster_items, key=original_key)
    edges = []
    for position, copy in enumerate(ordered[1:], start=1):
        source = ordered[0]
        best = _similarity(similarities, source.id, copy.id)
        for earlier in ordered[1:position]:
            value = _similarity(similarities, earlier.id, copy.id)
            if value is not None and (best is None or value > best):
                source, best = earlier, value
        lag = None
        if source.published_at is not None and copy.published_at is not None:
            delta = as_aware(copy.published_at) - as_aware(source.published_at)
            lag = delta.total_seconds() / 60.0
        similarity = best if best is not None else 0.0
        edges.append(
            CopyEdge(
                source_id=source.id,
                copy_id=copy.id,
                source_outlet=source.outlet,
                copy_outlet=copy.outlet,
                lag_minutes=lag,
                similarity=similarity,
                attributed=credits(copy, source.outlet),
                verbatim=similarity >= VERBATIM_SIMILARITY,
            )
        )
    return edges


def outlet_graph(edges: Sequence[CopyEdge]) -> list[OutletLink]:
    """Edges grouped by ``(source_outlet, copy_outlet)``, most frequent first.

    Edges inside one outlet (an outlet re-running its own story) are left out.
    """
    grouped: dict[tuple[str, str], list[CopyEdge]] = {}
    for edge in edges:
        if edge.source_outlet == edge.copy_outlet:
            continue
        grouped.setdefault((edge.source_outlet, edge.copy_outlet), []).append(edge)
    links = []
    for (source, copy), group in grouped.items():
        lags = [e.lag_minutes for e in group if e.lag_minutes is not None]
        links.append(
            OutletLink(
                source_outlet=source,
                copy_outlet=copy,
                count=len(group),
                median_lag=float(statistics.median(lags)) if lags else None,
                attributed_share=sum(e.attributed for e in group) / len(group),
            )
        )
    links.sort(key=lambda link: (-link.count, link.source_outlet, link.copy_outlet))
    return links
