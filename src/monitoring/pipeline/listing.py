"""Listing pages: the links of an HTML page, and the safety checks on a user's URL pattern.

Pure helpers behind :func:`monitoring.pipeline.discover.parse_listing`.
"""

from __future__ import annotations

import functools
import re
import time
from html.parser import HTMLParser

import regex

MAX_PATTERN_CHARS = 300
MAX_MATCHED_URL_CHARS = 2_000
MAX_LISTING_LINKS = 5_000
_PROBE_UNITS = ("a", "/", "-", "1", ".", "a/", "a-", "a1", "a.", "?=&", "%2F")
_PROBE_LENGTHS = (8, 16, 32, 64, 125, 250, 500, 1000, 2000)
MAX_UNBOUNDED_REPEATS = 8
_PROBE_BUDGET_SECONDS = 0.25
_PROBE_NOISE_SECONDS = 0.004


@functools.lru_cache(maxsize=256)
def check_listing_pattern(pattern: str, *, timing: bool = True) -> str:
    """Why ``pattern`` may not be used as a listing pattern ("" when it may): for form validation.

    ``timing=False`` skips the timed probes (the structural checks stay): polling uses it, since
    matching there runs under a time limit (:func:`search_link`) and a busy worker must not
    refuse a pattern the officer's form accepted.

    Python's ``re`` has no time limit, so a pattern is refused when it is longer than 300
    characters, uses back-references, nests repetition (``(a+)+``, ``(\\w*x)*``: catastrophic
    backtracking), has more than 8 unbounded repetitions, or, timed on synthetic URLs of 8 to
    2,000 repeated characters (doubling the length), grows worse than quadratically or takes over
    250 ms (this catches polynomial blow-ups such as ``.*.*x`` while the usual
    ``[a-z0-9-]+-\\d+\\.html$`` passes). Matching then runs only on URLs of at most 2,000
    characters, each search under a time limit (the ``regex`` package's ``timeout``), so a slow
    pattern the probes miss costs at most that limit per link.
    """
    if not pattern.strip():
        return "the pattern is empty"
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"the pattern is longer than {MAX_PATTERN_CHARS} characters"
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return "back-references are not allowed"
    if _nested_repetition(pattern):
        return "nested repetition such as (a+)+ is not allowed (it can run for hours)"
    if _unbounded_repeats(pattern) > MAX_UNBOUNDED_REPEATS:
        return f"more than {MAX_UNBOUNDED_REPEATS} unbounded repetitions (*, +, {{n,}})"
    try:
        matcher = re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as error:
        return f"invalid regular expression: {error}"
    if timing and _too_slow(matcher):
        return "the pattern is too slow on long URLs (simplify repeated wildcards such as .*.*)"
    return ""


#: Longest a single link match may take while polling (then the link counts as not matching).
SEARCH_TIMEOUT_SECONDS = 0.05


def compile_listing_pattern(pattern: str) -> regex.Pattern[str]:
    """The pattern for polling: the ``regex`` engine, which can stop a search on a timeout."""
    return regex.compile(pattern, flags=regex.VERSION0)


def search_link(matcher: regex.Pattern[str], link: str) -> bool:
    """``matcher.search(link)`` within :data:`SEARCH_TIMEOUT_SECONDS`; a timeout is no match."""
    try:
        return matcher.search(link, timeout=SEARCH_TIMEOUT_SECONDS) is not None
    except TimeoutError:
        return False


def _unbounded_repeats(pattern: str) -> int:
    """``*``, ``+`` and ``{n,}`` outside character classes (escaped ones do not count)."""
    outside_classes = re.sub(r"\\.|\[(?:\\.|[^\]])*\]", "", pattern)
    return len(re.findall(r"[*+]|\{\d*,\}", outside_classes))


def _too_slow(matcher: re.Pattern[str]) -> bool:
    """Worse than quadratic, or over 250 ms at all.

    For each probe the URL length doubles; over two doublings (4× the length) a quadratic search
    takes 16× longer and a cubic one 64×, so growth beyond 32× over a 4× span (above the noise
    floor) is refused. A suspicious reading is measured again (best of several runs) before the
    pattern is refused, so a busy machine's pause is not taken for a slow pattern.
    """
    for unit in _PROBE_UNITS:
        probes = [(unit * length)[:length] for length in _PROBE_LENGTHS]
        times: list[float] = []
        for index, probe in enumerate(probes):
            elapsed = _search_time(matcher, probe)
            if elapsed > 2 * _PROBE_BUDGET_SECONDS:
                return True  # far over: no pause explains it, and running it again costs more
            if elapsed > _PROBE_BUDGET_SECONDS:
                elapsed = _search_time(matcher, probe, tries=2)
                if elapsed > _PROBE_BUDGET_SECONDS:
                    return True
            times.append(elapsed)
            if index >= 2 and _grows_too_fast(times[index - 2], elapsed):
                earlier = _search_time(matcher, probes[index - 2], tries=5)
                elapsed = _search_time(matcher, probe, tries=5)
                times[index] = elapsed
                if _grows_too_fast(earlier, elapsed):
                    return True
    return False


def _grows_too_fast(earlier: float, later: float) -> bool:
    return later > _PROBE_NOISE_SECONDS and later > 32 * max(earlier, 1e-6)


def _search_time(matcher: re.Pattern[str], probe: str, *, tries: int = 2) -> float:
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        matcher.search(probe)
        best = min(best, time.perf_counter() - started)
        if best < _PROBE_NOISE_SECONDS or best > _PROBE_BUDGET_SECONDS / 2:
            break  # too fast to matter, or too slow to run twice
    return best


def _nested_repetition(pattern: str) -> bool:
    """True when a group that contains a repetition is itself repeated (``(…+…)*``, ``{n,}``)."""
    stack: list[bool] = []  # per open group: does it contain a repetition?
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class or char == "[":
            in_class = char != "]" if in_class else True
        elif char == "(":
            stack.append(False)
            i += 1 if pattern[i + 1 : i + 2] == "?" else 0  # (?:, (?P<…>, (?= are not repetition
        elif char == ")" and stack:
            inner = stack.pop()
            if inner and pattern[i + 1 : i + 2] in {"*", "+", "{"}:
                return True
            if stack:
                stack[-1] = stack[-1] or inner
        elif char in "*+{?" and stack:
            stack[-1] = True
        i += 1
    return False


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.links: list[tuple[str, list[str]]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and not self.base:
            self.base = values.get("href", "")
        elif tag == "a" and values.get("href") and len(self.links) < MAX_LISTING_LINKS:
            self._open = [values.get("title", "")]
            self.links.append((values["href"], self._open))
        elif tag == "img" and self._open is not None and not "".join(self._open[1:]).strip():
            self._open.append(" " + values.get("alt", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def collect_links(html_text: str) -> tuple[str, list[tuple[str, str]]]:
    """``(<base href>, [(href, text), …])`` of a page's first 5,000 links, in page order.

    The text is the link's text, else its ``title``, else the ``alt`` of an image inside it.
    Never raises: markup that ``html.parser`` chokes on ends the scan where it choked.
    """
    collector = _LinkCollector()
    try:
        collector.feed(html_text)
        collector.close()
    except (AssertionError, ValueError):  # html.parser asserts on some broken markup
        pass
    links = [(href, "".join(parts[1:]).strip() or parts[0]) for href, parts in collector.links]
    return collector.base, links
