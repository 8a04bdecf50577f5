"""Adaptive polling interval of a feed, sitemap or listing source (pure).

The rule is Media Cloud rss-fetcher's auto-adjust (``fetcher/tasks.py`` ``_check_auto_adjust``,
defaults in ``fetcher/config.py``), applied after each successful poll:

- ``duplicates = total - new`` and ``dup% = 100 × duplicates / total``; a poll that found nothing
  (``total == 0``) counts as more than 100 % duplicates;
- ``dup% ≥ 67`` (mostly items seen before): poll **less often**, by 10 minutes when the source is
  still alive (some item was new, or the last new item is at most 31 days old), else by 60 minutes;
- ``dup% < 33`` (mostly new items, so some may have been missed between polls): poll **more
  often**: an interval above the default (6 h) drops straight back to the default, otherwise it
  shrinks by 60 minutes;
- between 33 % and 67 % the interval stays; the result is always clamped to
  ``[minimum, maximum]`` (rss-fetcher: 10 min – 24 h; PressWatch sources set their own bounds,
  e.g. 5–15 min for a provincial newspaper).

rss-fetcher also skips an adjustment when the poll ran far from its schedule (early polls may not
lengthen, late polls may not shorten the interval); the caller decides when to poll, so that check
is left to it. Back-off after errors is separate (the runner doubles the minimum per error).
"""

from __future__ import annotations

DEFAULT_MINUTES = 6 * 60
GROW_ABOVE_PERCENT = 67.0  # AUTO_ADJUST_MAX_DUPLICATE_PERCENT
SHRINK_BELOW_PERCENT = 33.0  # AUTO_ADJUST_MIN_DUPLICATE_PERCENT
SMALL_STEP_MINUTES = 10  # AUTO_ADJUST_SMALL_MINS: growth while the source is alive
STEP_MINUTES = 60  # AUTO_ADJUST_MINUTES
ALIVE_DAYS = 31  # AUTO_ADJUST_SMALL_DAYS


def duplicate_percent(new_items: int, total_items: int) -> float:
    """Share of a poll's items already known, in percent; 102 for a poll that found nothing."""
    if total_items <= 0:
        return 102.0  # rss-fetcher's DupPct.NO_STORIES: above any threshold
    new_items = min(max(new_items, 0), total_items)
    return 100.0 * (total_items - new_items) / total_items


def next_interval(
    current_minutes: int,
    new_items: int,
    total_items: int,
    *,
    minimum: int,
    maximum: int,
    days_since_new: float | None = None,
) -> int:
    """Minutes until the next poll of a source polled every ``current_minutes``.

    ``new_items`` of the ``total_items`` found were not seen before. ``days_since_new`` is the age
    of the newest item ever seen (None: unknown, treated as alive). See the module docstring.
    """
    if minimum > maximum:
        minimum, maximum = maximum, minimum
    minutes = current_minutes
    percent = duplicate_percent(new_items, total_items)
    if percent >= GROW_ABOVE_PERCENT:
        alive = new_items > 0 or days_since_new is None or days_since_new <= ALIVE_DAYS
        minutes += SMALL_STEP_MINUTES if alive else STEP_MINUTES
    elif percent < SHRINK_BELOW_PERCENT:
        minutes = DEFAULT_MINUTES if minutes > DEFAULT_MINUTES else minutes - STEP_MINUTES
    return max(minimum, min(maximum, minutes))
