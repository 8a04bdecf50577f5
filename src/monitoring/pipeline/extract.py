"""Extract stage: the article in a fetched page, with its metadata and its source line.

Pure: no framework imports. The body text comes from trafilatura (DECISIONS §1) in its
precision mode without comments, which scores best on the extraction benchmark (``make bench``,
``bench/extraction.py``). Metadata is read from the page's own markup first (``<link
rel=canonical>``, ``article:published_time``, JSON-LD, the date line of the article) because
trafilatura keeps only the day of a publication date; trafilatura's metadata fills the gaps.
The source line ("Theo TTXVN", "Nguồn: Báo X", "Minh Anh (Báo Y)") is parsed by
:mod:`monitoring.pipeline.attribution` from the text's last lines or its first line.
"""

from __future__ import annotations

import datetime
import email.utils
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from core.text import normalize_text
from monitoring.pipeline.attribution import VIETNAM_TZ, find_datetime, parse_attribution
from monitoring.pipeline.types import (
    Attribution,
    ExtractedArticle,
    FetchedPage,
    QuarantineError,
    SkipError,
)

#: Shorter texts are not articles (a gallery, a video page, a teaser): status SKIPPED.
DEFAULT_MIN_CHARS = 200
#: How many of the text's last lines may hold the source line.
TAIL_LINES = 3
#: More U+FFFD than this share of the text means the page was decoded with the wrong charset.
MAX_REPLACEMENT_SHARE = 0.01
#: Share of words with a letter only Vietnamese uses (ă, đ, ơ, ư, ạ, ế, …) in Vietnamese text.
VIETNAMESE_WORD_SHARE = 0.15
#: htmldate reads the markup only: the page's own date line is searched here (``_published_at``)
#: and a scan of the whole text for dates costs ~10% of the stage's time.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def extract_article(
    page: FetchedPage, *, min_chars: int = DEFAULT_MIN_CHARS, fast: bool = False
) -> ExtractedArticle:
    """The article of ``page``: NFC text, title, author, dates, canonical URL, source line.

    Raises :class:`QuarantineError` for an empty, undecodable or unparseable page and
    :class:`SkipError` for an unchanged page (304) or one with less than ``min_chars``
    characters of article text.
    ``fast`` uses trafilatura's fast mode (no fallback extractors) in its balanced setting:
    precision mode without the fallbacks loses recall (``bench/extraction.py``); it also reads
    the metadata from the page's markup only (meta tags, JSON-LD, ``<title>``), without
    trafilatura's metadata pass (its date search costs a third of the stage).
    """
    tree = _parse(page)
    url = page.final_url or page.url
    document = bare_extraction(
        tree,
        url=url or None,
        fast=fast,
        favor_precision=not fast,
        include_comments=False,
        with_metadata=not fast,
        date_extraction_params=dict(_DATE_SEARCH),  # a copy: the library keeps a reference
    )
    if not isinstance(document, Document) or not document.text:
        raise SkipError("no article text found on the page")
    title = normalize_text(document.title or "") or _meta(tree, _TITLE_KEYS) or _title_tag(tree)
    text = _without_title(normalize_text(document.text), title)
    if len(text) < min_chars:
        raise SkipError(f"too little text: {len(text)} characters (minimum {min_chars})")
    attribution = find_attribution(text)
    published_at = _published_at(tree) or _day(document.date)
    author = normalize_text(document.author or "")  # trafilatura drops one-word names ("Admin")
    if fast and not author:  # no metadata pass: the markup's author tag
        author = _meta(tree, _AUTHOR_KEYS)
    if attribution is not None:
        published_at = published_at or attribution.published_at
        author = author or attribution.author
    return ExtractedArticle(
        url=page.url,
        canonical_url=canonical_url(tree, url),
        title=title,
        author=author,
        published_at=published_at,
        text=text,
        language=detect_language(text, tree),
        attribution=attribution,
    )


def _without_title(text: str, title: str) -> str:
    """The text without its first line when that line repeats the title (trafilatura keeps it)."""
    first, _, rest = text.partition("\n")
    return rest.lstrip() if title and first.casefold() == title.casefold() else text


def _parse(page: FetchedPage) -> HtmlElement:
    if page.not_modified:
        raise SkipError("the page has not changed since it was last fetched")
    html = page.text
    if not html.strip():
        reason = "the page body could not be decoded" if page.body.strip() else "empty page"
        raise QuarantineError(reason)
    if html.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(html):
        raise QuarantineError("the page text is undecodable (too many replacement characters)")
    tree = load_html(html)
    if tree is None:
        raise QuarantineError("the page is not parseable HTML")
    return tree


# --- the source line ----------------------------------------------------------------------------
def find_attribution(text: str) -> Attribution | None:
    """The source line of an article: among its last lines (bottom up), else its first line.

    Bare author names ("Minh Anh") count only on the very last line; an author found there is
    completed by an outlet named on a line just above ("Theo TTXVN" / "Minh Anh").
    """
    lines = [line for line in text.split("\n") if line.strip()]
    found: Attribution | None = None
    for index, line in enumerate(reversed(lines[-TAIL_LINES:])):
        candidate = parse_attribution(line)
        if candidate is None or (index > 0 and not candidate.outlet):
            if found is not None:
                break
            continue
        if found is None:
            found = candidate
            if found.outlet:
                break
            continue
        return Attribution(
            outlet=candidate.outlet,
            author=found.author or candidate.author,
            published_at=found.published_at or candidate.published_at,
            raw=f"{candidate.raw}\n{found.raw}",
        )
    if found is None and len(lines) > TAIL_LINES:
        first = parse_attribution(lines[0])
        found = first if first is not None and first.outlet else None
    return found


# --- metadata from the markup -----------------------------------------------------------------
_DATE_KEYS = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "article.published", "dc.date.issued", "dcterms.issued",
    "dc.date", "date", "sailthru.date", "parsely-pub-date", "itemprop:datepublished",
})  # fmt: skip
_TITLE_KEYS = frozenset({"og:title", "twitter:title", "title"})
_AUTHOR_KEYS = frozenset({"author", "article:author", "dc.creator", "byl", "parsely-author"})
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_DATE_LINE_XPATH = (
    ".//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')"
    " or @itemprop='datePublished'][not(self::script)]"
)


def _meta(tree: HtmlElement, keys: frozenset[str]) -> str:
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = element.get("content") or ""
        if key.strip().lower() in keys and content.strip():
            return normalize_text(content)
    return ""


def _title_tag(tree: HtmlElement) -> str:
    for element in tree.iterfind(".//title"):
        return normalize_text(element.text_content())
    return ""


def _published_at(tree: HtmlElement) -> datetime.datetime | None:
    """From meta tags, JSON-LD, or the date line of the article (not the site's header)."""
    value = _meta(tree, _DATE_KEYS)
    if value and (parsed := parse_datetime(value)) is not None:
        return parsed
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        match = _JSON_LD_DATE.search(script.text or "")
        if match and (parsed := parse_datetime(match[1])) is not None:
            return parsed
    for container in _article_containers(tree):
        for element in container.xpath(_DATE_LINE_XPATH):
            value = element.get("datetime") or element.get("content") or element.text_content()
            if (parsed := parse_datetime(value[:200])) is not None:
                return parsed
    return None


def _article_containers(tree: HtmlElement) -> list[HtmlElement]:
    """Where the article's own date line is: ``<article>``, else the block around its ``<h1>``."""
    articles: list[HtmlElement] = tree.xpath("//article")
    if articles:
        return articles[:1]
    headings: list[HtmlElement] = tree.xpath("//h1")
    if headings and (parent := headings[0].getparent()) is not None:
        grandparent = parent.getparent()
        return [grandparent if grandparent is not None else parent]
    return []


def parse_datetime(value: str) -> datetime.datetime | None:
    """ISO 8601, RFC 2822 or ``dd/mm/yyyy [hh:mm]``; naive times are Asia/Ho_Chi_Minh."""
    value = value.strip()
    parsed: datetime.datetime | None = None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            found = find_datetime(value)
            parsed = found[0] if found else None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=VIETNAM_TZ)
    return parsed.astimezone(VIETNAM_TZ)


def _day(value: str | None) -> datetime.datetime | None:
    """trafilatura's date (a day, ``YYYY-MM-DD``) as midnight in Vietnam."""
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=VIETNAM_TZ)


def canonical_url(tree: HtmlElement, page_url: str) -> str:
    """``<link rel=canonical>``, else ``og:url``, made absolute; else the page's own URL."""
    base = page_url
    for href in tree.xpath("//base/@href")[:1]:
        base = urljoin(page_url, str(href).strip())
    candidates = tree.xpath(
        "//link[contains(concat(' ', translate(normalize-space(@rel), 'CANONICAL', 'canonical'),"
        " ' '), ' canonical ')]/@href | //meta[@property='og:url']/@content"
    )
    for candidate in candidates:
        parts = urlsplit(urljoin(base, str(candidate).strip()))
        if parts.scheme in {"http", "https"} and parts.netloc:
            return urlunsplit(parts._replace(fragment=""))
    return page_url


# --- language -----------------------------------------------------------------------------------
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĩũĂÂĐÊÔƠƯĨŨ\u1ea0-\u1ef9]")
_WORD = re.compile(r"\w+")


def detect_language(text: str, tree: HtmlElement | None = None) -> str:
    """ "vi" when enough words carry Vietnamese-only letters, else the page's declared language."""
    words = _WORD.findall(text[:5000])
    marked = sum(1 for word in words if _VIETNAMESE_LETTERS.search(word))
    if words and marked / len(words) >= VIETNAMESE_WORD_SHARE:
        return "vi"
    if tree is None:
        return ""
    declared = tree.get("lang") or _meta(tree, frozenset({"content-language", "og:locale"}))
    return re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0][:8]


# --- the `presswatch extract` schema (DECISIONS §3) ------------------------------------------
def _iso(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def article_as_dict(article: ExtractedArticle) -> dict[str, object]:
    """The JSON object printed by ``presswatch extract`` (schema fixed in docs/cli.md)."""
    attribution = article.attribution or Attribution()
    return {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "author": article.author,
        "published_at": _iso(article.published_at),
        "text": article.text,
        "language": article.language,
        "attribution": {
            "outlet": attribution.outlet,
            "author": attribution.author,
            "published_at": _iso(attribution.published_at),
            "raw": attribution.raw,
        },
    }
