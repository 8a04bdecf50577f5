"""Pure snippet builder: the same highlighted excerpt whichever backend found the article.

The indexes hold matching keys, not the readable text, so neither FTS5 ``snippet()`` nor
PostgreSQL ``ts_headline`` can show the original words. Instead the stored text is split into
words with the same tokenizer as the index, each word's key is compared with the query's keys,
and the window of words holding the most distinct terms is shown. Everything is HTML-escaped;
matched words (a phrase as one run) are wrapped in ``<mark>``.
"""

from __future__ import annotations

import html
import re

from core.text import normalize_text
from monitoring.search.query import TOKEN, ParsedQuery

SNIPPET_WORDS = 32
CONTEXT_BEFORE = 5
MAX_STARTS = 200
ELLIPSIS = "…"


def _find_matches(
    words: list[str], parsed: ParsedQuery
) -> tuple[list[tuple[int, int]], list[bool]]:
    """(start index, term number) of each match, and a flag per word that is part of one."""
    keys = [parsed.key(word) for word in words]
    marked = [False] * len(keys)
    starts: list[tuple[int, int]] = []
    for number, term in enumerate(parsed.terms):
        size = len(term.keys)
        for index, key in enumerate(keys):
            if key == term.keys[0] and tuple(keys[index : index + size]) == term.keys:
                marked[index : index + size] = [True] * size
                starts.append((index, number))
    starts.sort()
    return starts[:MAX_STARTS], marked


def _best_window(starts: list[tuple[int, int]], count: int, width: int) -> int:
    """The first word of the window of ``width`` words that holds the most distinct terms."""
    best_begin, best_score = 0, 0
    for index, _term in starts:
        begin = max(0, min(index - CONTEXT_BEFORE, count - width))
        score = len({term for i, term in starts if begin <= i < begin + width})
        if score > best_score:
            best_begin, best_score = begin, score
    return best_begin


def _render(text: str, spans: list[re.Match[str]], marked: list[bool], begin: int, end: int) -> str:
    out: list[str] = [ELLIPSIS + " "] if begin > 0 else [html.escape(text[: spans[0].start()])]
    is_open = False
    for index in range(begin, end):
        span = spans[index]
        if index > begin:
            gap = text[spans[index - 1].end() : span.start()]
            if is_open and not (marked[index] and not gap.strip()):
                out.append("</mark>")
                is_open = False
            out.append(html.escape(gap))
        if marked[index] and not is_open:
            out.append("<mark>")
            is_open = True
        out.append(html.escape(span.group(0)))
    if is_open:
        out.append("</mark>")
    out.append(" " + ELLIPSIS if end < len(spans) else html.escape(text[spans[-1].end() :]))
    return "".join(out)


def build_snippet(text: str, parsed: ParsedQuery, *, words: int = SNIPPET_WORDS) -> str:
    """An excerpt of about ``words`` words around the best match, as safe HTML."""
    text = normalize_text(text)
    spans = list(TOKEN.finditer(text))
    if not spans:
        return html.escape(text[:300])
    starts, marked = _find_matches([span.group(0) for span in spans], parsed)
    width = max(1, words)
    begin = _best_window(starts, len(spans), width)
    return _render(text, spans, marked, begin, min(len(spans), begin + width))


def highlight(text: str, parsed: ParsedQuery) -> str:
    """The whole of a short text (a title), escaped, with the matched words marked."""
    text = normalize_text(text)
    spans = list(TOKEN.finditer(text))
    if not spans:
        return html.escape(text)
    _starts, marked = _find_matches([span.group(0) for span in spans], parsed)
    return _render(text, spans, marked, 0, len(spans))
