"""Republication checks for one item of a registered general e-information site.

Pure (no framework imports). The checks of the domain reference ("Implications" item 2), each a
dated rule of ``rules.json`` chosen by the day the item was posted (Vietnam time):

- ``attribution``: the item names the source outlet (which also answers "author or source
  agency"; the author is reported when given) and the time of publication at the source; when a
  source was found, the named outlet must be that source;
- ``official_source``: the source is a licensed press agency or a Party/State body;
- ``verbatim``: the text similarity with the source (computed by the caller) reaches the rule's
  threshold;
- ``delay`` (NĐ 147/2024, from 25/12/2024): posted at least 60 minutes after the source; an item
  posted *before* its source is reported as possible "source laundering" (rửa nguồn);
- ``takedown`` (NĐ 147/2024): removed within 3 hours after the source was removed (still online
  ``now``, more than 3 hours after, also fails; not yet 3 hours is not judged);
- ``agreement``: the source outlet is among the site's written agreements valid on that day
  (under NĐ 72/2013: the press agency's consent);
- ``self_produced``: no source found at all — a "báo hóa" sign (QĐ 1418).

:func:`check_republication` returns one :class:`~findings.engine.rules.RuleHit` per check that
applies (passed or failed); :func:`failures` keeps the failed ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.text import fold_diacritics
from findings.engine.rules import Figure, Rule, RuleHit, make_hit, rules_for

DETECTOR = "republication"
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the item says about its source ("Theo Báo X, 08:15 26/11/2026")."""

    outlet: str = ""
    author: str = ""
    published_at: datetime.datetime | None = None


@dataclass(frozen=True, slots=True)
class RepublishedItem:
    published_at: datetime.datetime
    attribution: Attribution = Attribution()
    removed_at: datetime.datetime | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class SourceItem:
    """The candidate source found for the item (the caller computes ``similarity``, 0..1)."""

    outlet: str
    published_at: datetime.datetime
    similarity: float
    is_press_agency: bool = False
    is_state_body: bool = False
    removed_at: datetime.datetime | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    """A written republication agreement of the site with an outlet."""

    outlet: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def outlet_key(name: str) -> str:
    """A comparison key for outlet names: folded, no spaces or punctuation (``Báo Đắk Nông`` =
    ``bao dak nong`` = ``BáoĐắkNông``)."""
    return "".join(c for c in fold_diacritics(name) if c.isalnum())


def same_outlet(a: str, b: str) -> bool:
    key_a, key_b = outlet_key(a), outlet_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    shorter, longer = sorted((key_a, key_b), key=len)
    return len(shorter) >= 6 and shorter in longer  # "Đắk Nông" inside "Báo Đắk Nông"


def _local_day(moment: datetime.datetime) -> datetime.date:
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(VIETNAM).date()


def _iso(moment: datetime.datetime | None) -> str:
    return moment.isoformat() if moment else ""


@dataclass(frozen=True, slots=True)
class _Context:
    item: RepublishedItem
    source: SourceItem | None
    agreements: Sequence[Agreement]
    subject: str
    now: datetime.datetime | None
    day: datetime.date


def check_republication(
    item: RepublishedItem,
    source: SourceItem | None,
    agreements: Sequence[Agreement] = (),
    *,
    subject: str = "",
    now: datetime.datetime | None = None,
) -> list[RuleHit]:
    """Every republication check in force on the day ``item`` was posted."""
    context = _Context(item, source, agreements, subject, now, _local_day(item.published_at))
    hits: list[RuleHit] = []
    for rule in rules_for(DETECTOR, context.day):
        check = _CHECKS.get(str(rule.param("check")))
        if check is None:
            continue
        hit = check(rule, context)
        if hit is not None:
            hits.append(hit)
    return hits


def failures(hits: Sequence[RuleHit]) -> list[RuleHit]:
    return [h for h in hits if not h.passed]


# --- The checks -----------------------------------------------------------------------------------
def _attribution(rule: Rule, c: _Context) -> RuleHit:
    given = c.item.attribution
    missing = [
        label
        for label, value in (("source outlet", given.outlet), ("source time", given.published_at))
        if not value
    ]
    figures: dict[str, Figure] = {
        "outlet": given.outlet,
        "author": given.author,
        "source_time": _iso(given.published_at),
    }
    if missing:
        return make_hit(
            rule,
            c.subject,
            passed=False,
            score=len(missing) / 2,
            template="Attribution incomplete: missing %(missing)s",
            params={"missing": ", ".join(missing)},
            figures=figures,
        )
    if c.source is not None and not same_outlet(given.outlet, c.source.outlet):
        return make_hit(
            rule,
            c.subject,
            passed=False,
            score=0.8,
            template="Attributed to %(attributed)s, but the source found is %(source)s",
            params={"attributed": given.outlet, "source": c.source.outlet},
            evidence=(f"attribution: {given.outlet}", f"source: {c.source.outlet}"),
            figures=figures,
        )
    return make_hit(
        rule,
        c.subject,
        passed=True,
        score=0.0,
        template="Attribution names %(outlet)s and the source time",
        params={"outlet": given.outlet},
        figures=figures,
    )


def _official_source(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is None:
        return None
    official = c.source.is_press_agency or c.source.is_state_body
    return make_hit(
        rule,
        c.subject,
        passed=official,
        score=1.0,
        template=(
            "The source %(source)s is a licensed press agency or a state body"
            if official
            else "The source %(source)s is neither a licensed press agency nor a state body"
        ),
        params={"source": c.source.outlet},
        figures={
            "is_press_agency": c.source.is_press_agency,
            "is_state_body": c.source.is_state_body,
        },
    )


def _verbatim(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is None:
        return None
    threshold = float(rule.param("similarity_threshold", 0.8))
    similarity = round(c.source.similarity, 3)
    passed = similarity >= threshold
    return make_hit(
        rule,
        c.subject,
        passed=passed,
        score=(threshold - similarity) / threshold if threshold else 1.0,
        template=(
            "Text similarity with the source %(similarity)s reaches %(threshold)s"
            if passed
            else "Not verbatim: text similarity with the source %(similarity)s "
            "is below %(threshold)s"
        ),
        params={"similarity": similarity, "threshold": threshold},
        figures={"similarity": similarity, "threshold": threshold},
    )


def _delay(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is None:
        return None
    minimum = float(rule.param("min_delay_minutes", 60))
    minutes = round((c.item.published_at - c.source.published_at).total_seconds() / 60, 1)
    figures: dict[str, Figure] = {
        "delay_minutes": minutes,
        "min_delay_minutes": minimum,
        "posted_at": _iso(c.item.published_at),
        "source_published_at": _iso(c.source.published_at),
    }
    evidence = (f"posted {_iso(c.item.published_at)}", f"source {_iso(c.source.published_at)}")
    if minutes < 0:
        return make_hit(
            rule,
            c.subject,
            passed=False,
            score=1.0,
            template="Posted %(minutes)s minutes before its source: possible source laundering",
            params={"minutes": -minutes},
            evidence=evidence,
            figures=figures,
        )
    passed = minutes >= minimum
    return make_hit(
        rule,
        c.subject,
        passed=passed,
        score=1.0 - minutes / minimum if minimum else 1.0,
        template=(
            "Posted %(minutes)s minutes after the source (at least %(minimum)s required)"
            if passed
            else "Posted only %(minutes)s minutes after the source (at least %(minimum)s required)"
        ),
        params={"minutes": minutes, "minimum": minimum},
        evidence=() if passed else evidence,
        figures=figures,
    )


def _takedown(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is None or c.source.removed_at is None:
        return None
    limit = float(rule.param("max_takedown_hours", 3))
    removed_at = c.item.removed_at
    still_online = removed_at is None
    if removed_at is None:
        if c.now is None:
            return None
        removed_at = c.now
    hours = round((removed_at - c.source.removed_at).total_seconds() / 3600, 2)
    if still_online and hours <= limit:
        return None  # still within the allowed time: not judged yet
    passed = hours <= limit
    if still_online:
        template = "Still online %(hours)s hours after the source was removed (limit %(limit)s)"
    elif passed:
        template = "Removed %(hours)s hours after the source was removed (limit %(limit)s)"
    else:
        template = "Removed only %(hours)s hours after the source was removed (limit %(limit)s)"
    return make_hit(
        rule,
        c.subject,
        passed=passed,
        score=1.0,
        template=template,
        params={"hours": hours, "limit": limit},
        evidence=()
        if passed
        else (
            f"source removed {_iso(c.source.removed_at)}",
            f"item removed {_iso(c.item.removed_at)}",
        ),
        figures={
            "hours_after_source_removal": hours,
            "max_takedown_hours": limit,
            "still_online": still_online,
        },
    )


def _agreement(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is None:
        return None
    matching = [a for a in c.agreements if same_outlet(a.outlet, c.source.outlet)]
    valid = [a for a in matching if a.valid_on(c.day)]
    if valid:
        template = "A written agreement with %(source)s was valid on %(day)s"
    elif matching:
        template = "The agreement with %(source)s was not valid on %(day)s"
    else:
        template = "No written agreement with %(source)s"
    return make_hit(
        rule,
        c.subject,
        passed=bool(valid),
        score=1.0,
        template=template,
        params={"source": c.source.outlet, "day": c.day.isoformat()},
        figures={"agreements_with_outlet": len(matching), "valid_on_day": len(valid)},
    )


def _self_produced(rule: Rule, c: _Context) -> RuleHit | None:
    if c.source is not None:
        return None
    claimed = c.item.attribution.outlet
    return make_hit(
        rule,
        c.subject,
        passed=False,
        score=0.6 if claimed else 1.0,
        template=(
            "No source found although the item names %(outlet)s: possibly self-produced content"
            if claimed
            else "No press or official source found: self-produced content"
        ),
        params={"outlet": claimed} if claimed else {},
        figures={"claimed_outlet": claimed},
    )


_CHECKS: dict[str, Callable[[Rule, _Context], RuleHit | None]] = {
    "attribution": _attribution,
    "official_source": _official_source,
    "verbatim": _verbatim,
    "delay": _delay,
    "takedown": _takedown,
    "agreement": _agreement,
    "self_produced": _self_produced,
}
