"""Form signals of "báo hóa" on a site's home or about page (QĐ 1418/QĐ-BTTTT; DECISIONS §6).

Pure (no framework imports). :func:`check_site` reads one HTML page with lxml and reports the nine
signals of DECISIONS §6, each with short quoted evidence and where it was found, and a weighted
"báo hóa" score whose weights and threshold are dated rule data (``rules.json``).

The page is split into regions. The site's own **furniture** (``title``, ``meta``,
``masthead``, ``header``, ``nav``, ``footer``, ``contact``, ``about``) is told apart from
**content** (``article``, ``blockquote``, ``main`` and ``.content``-like blocks: quoted article
text) and from ``other`` text.
The nearest classified ancestor decides, so a ``<footer>`` inside an ``<article>`` is content and a
``<blockquote>`` inside a footer is content. On an about/contact page the main body is ``about``.
``newsroom_terms`` and ``calls_itself_press`` count only furniture; the responsible-person line,
the site-type label and the licence are looked for in everything but content; comment widgets
anywhere.

The first part of the module is the Vietnamese phrase matcher the other detectors share: a text
word written without diacritics matches on its folded form (``toa soan`` = ``tòa soạn``); a word
written with diacritics must carry the phrase's diacritics, in either tone placement (``toà`` =
``tòa``; ``tín`` ≠ ``tin``). NFC/NFD and curly/straight apostrophes are the same after
:func:`core.text.normalize_text`.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from core.text import fold_diacritics, normalize_text, tone_key
from findings.engine.rules import KINDS, Rule, RuleHit, make_hit, rule_for_check, rules_for
from registry.naming import (
    AgencyName,
    domain_like_agencies,
    press_words_in_domain,
    press_words_in_name,
    similar_agencies,
)

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "site_signal_terms.json"
#: The signal names of DECISIONS §6, in the order of the contract.
SIGNALS = (
    "press_like_domain_or_name",
    "calls_itself_press",
    "newsroom_terms",
    "journalist_title_for_responsible_person",
    "news_style_sections",
    "comments_enabled",
    "missing_site_type_label",
    "magazine_name_hidden",
    "hot_news_sections",
)
#: Kinds for which a "báo hóa" verdict is given (a licensed press agency is press by right).
VERDICT_KINDS = ("general_site", "social_network", "magazine")
VERDICT_TEMPLATE = (
    '%(count)s form signs of "báo hóa" (score %(score)s, threshold %(threshold)s): %(names)s'
)
SIGNAL_TEMPLATE = "Site signal %(signal)s is present"
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


# --- Phrase matching ------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a normalised text, with its offsets in that text."""

    folded: str  # no diacritics, lower case, đ → d
    toned: str | None  # tone-placement-insensitive key, None when written without diacritics
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Tokens:
    """A normalised (NFC) text and its word tokens."""

    text: str
    tokens: tuple[Token, ...]

    def span(self, first: int, last: int) -> str:
        """The text of tokens ``first``..``last`` (inclusive)."""
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def snippet(self, first: int, last: int, *, width: int = 40) -> str:
        """A short quote around tokens ``first``..``last`` (ellipses where cut)."""
        start = self.tokens[first].start
        end = self.tokens[last].end
        left = max(0, start - width)
        right = min(len(self.text), end + width)
        if left > 0:
            space = self.text.find(" ", left, start)
            left = space + 1 if space != -1 else left
        if right < len(self.text):
            space = self.text.rfind(" ", end, right)
            right = space if space != -1 else right
        quote = self.text[left:right].replace("\n", " ").strip()
        return ("…" if left > 0 else "") + quote + ("…" if right < len(self.text) else "")


def _token(word: str, start: int) -> Token:
    folded = fold_diacritics(word)
    # đ/d are told apart only by the folded form: "Dắk" (typed without đ) still matches "Đắk"
    toned = tone_key(word).replace("đ", "d") if folded != word.lower() else None
    return Token(folded, toned, start, start + len(word))


def tokenize(text: str) -> Tokens:
    """Normalise ``text`` (NFC, straight apostrophes, single spaces) and cut it into words."""
    normal = normalize_text(text)
    return Tokens(normal, tuple(_token(m.group(0), m.start()) for m in _WORD.finditer(normal)))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase to find in tokenised texts."""

    label: str
    folded: tuple[str, ...]
    keys: tuple[str, ...]  # the tone key of each word (the folded word when it has no marks)

    @classmethod
    def of(cls, label: str) -> Phrase:
        return _phrase(label)

    def __len__(self) -> int:
        return len(self.folded)

    def at(self, tokens: Sequence[Token], index: int) -> bool:
        """The phrase starts at ``tokens[index]``."""
        size = len(self.folded)
        if not size or index + size > len(tokens):
            return False
        for offset in range(size):
            token = tokens[index + offset]
            if token.folded != self.folded[offset]:
                return False
            if token.toned is not None and token.toned != self.keys[offset]:
                return False
        return True

    def find(self, text: Tokens) -> list[int]:
        """Indexes of the tokens where the phrase starts."""
        tokens = text.tokens
        first = self.folded[0] if self.folded else None
        return [i for i, t in enumerate(tokens) if t.folded == first and self.at(tokens, i)]

    def equals(self, text: Tokens) -> bool:
        """The whole text is this phrase."""
        return len(text.tokens) == len(self.folded) and self.at(text.tokens, 0)

    def starts(self, text: Tokens) -> bool:
        return self.at(text.tokens, 0)


@cache
def _phrase(label: str) -> Phrase:
    words = tokenize(label).tokens
    return Phrase(
        label,
        tuple(w.folded for w in words),
        tuple(w.toned if w.toned is not None else w.folded for w in words),
    )


def phrases(labels: Iterable[str]) -> tuple[Phrase, ...]:
    return tuple(Phrase.of(label) for label in labels)


@dataclass(frozen=True, slots=True)
class PhraseHit:
    phrase: Phrase
    first: int  # token index
    last: int  # token index (inclusive)


def find_all(text: Tokens, candidates: Iterable[Phrase]) -> list[PhraseHit]:
    """Every occurrence of every candidate phrase, in text order."""
    found = [PhraseHit(p, i, i + len(p) - 1) for p in candidates if len(p) for i in p.find(text)]
    return sorted(found, key=lambda h: (h.first, -h.last))


def contains_any(text: Tokens, candidates: Iterable[Phrase]) -> bool:
    return any(p.find(text) for p in candidates)


# --- Term data ------------------------------------------------------------------------------------
@cache
def terms() -> Mapping[str, Any]:
    """The term lists of ``site_signal_terms.json``."""
    data: dict[str, Any] = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    return data


def _phrases(key: str) -> tuple[Phrase, ...]:
    return phrases(terms()[key])


# --- Page regions ---------------------------------------------------------------------------------
FURNITURE = frozenset({"title", "meta", "masthead", "header", "nav", "footer", "contact", "about"})
CONTENT = "content"
OTHER = "other"
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_BLOCK_TAGS = frozenset(
    {
        "html", "body", "div", "p", "li", "ul", "ol", "td", "th", "tr", "table", "tbody", "thead",
        "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "dl", "address", "section", "header",
        "footer", "nav", "article", "aside", "main", "blockquote", "form", "figure",
        "figcaption", "pre", "center", "fieldset", "legend", "label", "textarea", "select",
    }
)  # fmt: skip
_CLASS_REGIONS = {
    "footer": "footer", "foot": "footer", "copyright": "footer", "banquyen": "footer",
    "colophon": "footer", "imprint": "footer", "siteinfo": "footer", "bottom": "footer",
    "header": "header", "topbar": "header", "masthead": "masthead", "logo": "masthead",
    "brand": "masthead", "branding": "masthead", "sitename": "masthead", "sitetitle": "masthead",
    "nav": "nav", "navbar": "nav", "navigation": "nav", "menu": "nav", "mainmenu": "nav",
    "contact": "contact", "lienhe": "contact", "toasoan": "contact", "about": "about",
    "gioithieu": "about", "aboutus": "about",
}  # fmt: skip
_CLASS_CONTENT = frozenset(
    {"content", "article", "post", "entry", "story", "detail", "news", "baiviet", "noidung",
     "chitiet", "quote", "trichdan", "teaser", "body"}
)  # fmt: skip
_ARTICLE_TOKENS = frozenset({"article", "post", "entry", "story", "baiviet", "chitiet", "detail"})
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")
_CONTACT_CUES = re.compile(
    r"(@[a-z0-9-]+\.[a-z]|©|\(c\)|dia chi|dien thoai|giay phep|chiu trach nhiem|hotline|email|"
    r"tong bien tap|toa soan)"
)
_SMALL_STYLE = re.compile(r"font-size\s*:\s*([0-9.]+)\s*(px|pt|em|rem|%)", re.IGNORECASE)
_SMALL_LIMITS = {"px": 12.0, "pt": 9.0, "em": 0.75, "rem": 0.75, "%": 75.0}


def _class_tokens(element: Any) -> set[str]:
    tokens: set[str] = set()
    for attribute in ("class", "id"):
        for value in (element.get(attribute) or "").lower().split():
            parts = [p for p in _CLASS_SPLIT.split(value) if p]
            tokens.update(parts)
            tokens.add("".join(parts))
            tokens.update(a + b for a, b in itertools.pairwise(parts))
    return tokens


def _has_ancestor(element: Any, tags: tuple[str, ...]) -> bool:
    return any(True for _ in element.iterancestors(*tags))


def _classify(element: Any, *, about_page: bool) -> str | None:
    """The region an element starts, or None if it inherits its parent's."""
    tag = element.tag
    if tag in ("blockquote", "q"):
        return CONTENT
    if tag in ("header", "footer") and _has_ancestor(element, ("article", "blockquote")):
        return CONTENT
    if tag in ("nav", "header", "footer"):
        return str(tag)
    if tag == "address":
        return "contact"
    if tag == "aside":
        return OTHER
    if tag in ("article", "main"):
        return "about" if about_page else CONTENT
    tokens = _class_tokens(element)
    if not tokens:
        return None
    furniture = [_CLASS_REGIONS[t] for t in sorted(tokens) if t in _CLASS_REGIONS]
    if furniture and not (tokens & _ARTICLE_TOKENS):
        order = ("masthead", "nav", "contact", "about", "footer", "header")
        return min(furniture, key=order.index)
    if tokens & _CLASS_CONTENT:
        return "about" if about_page else CONTENT
    return None


def _is_small(element: Any) -> bool:
    """Printed small: inside <small>/<sub>/<sup>, or a small inline font size (up to 3 levels)."""
    current = element
    for _ in range(4):
        if current is None or not isinstance(current.tag, str):
            return False
        if current.tag in ("small", "sub", "sup"):
            return True
        for number, unit in _SMALL_STYLE.findall(current.get("style") or ""):
            if float(number) < _SMALL_LIMITS[unit.lower()]:
                return True
        current = current.getparent()
    return False


@dataclass(frozen=True, slots=True)
class Block:
    """A block of page text and the region it belongs to."""

    region: str
    text: Tokens


@dataclass(frozen=True, slots=True)
class Page:
    """What the detectors read from a page."""

    title: str
    site_names: tuple[tuple[str, str], ...]  # (where, name)
    blocks: tuple[Block, ...]
    nav_links: tuple[str, ...]
    masthead: tuple[tuple[str, bool], ...]  # (text, printed small) in masthead/header regions
    logo_alts: tuple[str, ...]
    comment_widgets: tuple[str, ...]
    about_page: bool

    def regions(self, wanted: Iterable[str]) -> Iterator[Block]:
        keep = frozenset(wanted)
        return (b for b in self.blocks if b.region in keep)

    def outside_content(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.region != CONTENT)


_HTML_MARKERS = re.compile(
    r"<\s*(html|head|body|div|p|title|meta|a|span|header|footer|nav|table|ul|section)\b",
    re.IGNORECASE,
)


def parse_page(html: str) -> Page:
    """Read a page into regions; ``ValueError`` when ``html`` is not an HTML page."""
    if "\x00" in html or not _HTML_MARKERS.search(html):
        raise ValueError("not an HTML page")
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ValueError(f"not an HTML page: {error}") from None
    title = normalize_text(" ".join(root.xpath("//title//text()")))
    metas = _metas(root)
    about_page = _is_about_page(root, title)
    regions = _regions(root, about_page=about_page)
    blocks = [Block("title", tokenize(title))] if title else []
    blocks += [Block("meta", tokenize(text)) for key, text in metas if key == "description"]
    blocks += _blocks(root, regions)
    site_names = [("title", part) for part in _title_parts(title)]
    site_names += [("og:site_name", text) for key, text in metas if key == "og:site_name"]
    masthead = _masthead(root, regions)
    logo_alts = _logo_alts(root, regions)
    site_names += [("masthead", t) for t, small in masthead if not small and len(t) <= 120]
    site_names += [("logo", alt) for alt in logo_alts]
    return Page(
        title=title,
        site_names=tuple(dict.fromkeys(site_names)),
        blocks=tuple(blocks),
        nav_links=tuple(_nav_links(root, regions)),
        masthead=tuple(masthead),
        logo_alts=tuple(logo_alts),
        comment_widgets=tuple(_comment_widgets(root)),
        about_page=about_page,
    )


def _metas(root: Any) -> list[tuple[str, str]]:
    found = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = normalize_text(meta.get("content") or "")
        if key in ("og:site_name", "description", "og:description") and content:
            found.append(("description" if "description" in key else key, content))
    return found


def _title_parts(title: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s+[|\-–—:»]\s+|\s*\|\s*", title) if p.strip()]
    return [p for p in parts if len(p) <= 120]


def _is_about_page(root: Any, title: str) -> bool:
    heads = [title, *(normalize_text(" ".join(h.itertext())) for h in root.iter("h1"))]
    canonical = " ".join(
        link.get("href") or "" for link in root.iter("link") if link.get("rel") == "canonical"
    )
    about = _phrases("about_page_words")
    if any(contains_any(tokenize(h), about) and len(h) <= 80 for h in heads if h):
        return True
    return bool(re.search(r"gioi-?thieu|lien-?he|about|contact", canonical.lower()))


def _regions(root: Any, *, about_page: bool) -> dict[Any, str]:
    regions: dict[Any, str] = {}
    body = root.find("body")
    start = body if body is not None else root
    stack: list[tuple[Any, str]] = [(start, OTHER)]
    while stack:
        element, inherited = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        region = _classify(element, about_page=about_page) or inherited
        regions[element] = region
        stack.extend((child, region) for child in element)
    return regions


def _inline_text(element: Any) -> str:
    """The text of an inline element and its inline descendants (not nested blocks)."""
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return ""
    if element.tag == "br":
        return " "
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            pieces.append(_inline_text(child))
        pieces.append(child.tail or "")
    return " ".join(pieces)


def _blocks(root: Any, regions: Mapping[Any, str]) -> list[Block]:
    blocks = []
    for element, region in regions.items():
        if element.tag not in _BLOCK_TAGS:
            continue
        pieces = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
                pieces.append(_inline_text(child))
            pieces.append(child.tail or "")
        text = tokenize(" ".join(pieces))
        if not text.tokens:
            continue
        if region == OTHER and _CONTACT_CUES.search(fold_diacritics(text.text)):
            region = "contact"
        blocks.append(Block(region, text))
    return blocks


def _masthead(root: Any, regions: Mapping[Any, str]) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for element, region in regions.items():
        if region not in ("masthead", "header"):
            continue
        owners = [(element.text, element)] + [(c.tail, element) for c in element]
        for text, owner in owners:
            text = normalize_text(text or "")
            if text:
                found.append((text, _is_small(owner)))
    return found


def _logo_alts(root: Any, regions: Mapping[Any, str]) -> list[str]:
    alts = []
    for image in root.iter("img"):
        alt = normalize_text(image.get("alt") or "")
        if not alt:
            continue
        hint = " ".join(image.get(a) or "" for a in ("class", "id", "src")).lower()
        if regions.get(image) in ("masthead", "header") or "logo" in hint:
            alts.append(alt)
    return alts


def _nav_links(root: Any, regions: Mapping[Any, str]) -> list[str]:
    labels = []
    for link in root.iter("a"):
        if regions.get(link) in ("nav", "header", "masthead"):
            label = normalize_text(" ".join(link.itertext()))
            if label and len(label) <= 60:
                labels.append(label)
    return list(dict.fromkeys(labels))


def _comment_widgets(root: Any) -> list[str]:
    found: list[str] = []
    words = _phrases("comment_words")
    markers = {m.replace("-", "").replace("_", "") for m in terms()["comment_markers"]}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        source = (element.get("src") or "").lower()
        if element.tag in ("script", "iframe") and (
            "disqus" in source or "plugins/comments" in source or "plugins/comment_embed" in source
        ):
            found.append(f"{element.tag}: {source[:80]}")
        elif element.tag == "form" and element.find(".//textarea") is not None:
            attributes = " ".join(
                " ".join(str(v) for v in e.attrib.values()) for e in element.iter()
            )
            text = tokenize(" ".join(element.itertext()) + " " + attributes.replace("-", " "))
            if contains_any(text, words) or _class_tokens(element) & markers:
                hits = find_all(text, words)
                quote = text.snippet(hits[0].first, hits[0].last, width=20) if hits else "textarea"
                found.append(f"form: {quote}")
        elif element.tag != "form":
            tokens = _class_tokens(element) & {"fbcomments", "disqusthread"}
            if tokens:
                found.append(f"{element.tag}.{sorted(tokens)[0]}")
    return list(dict.fromkeys(found))


# --- Signals --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    present: bool
    evidence: tuple[str, ...] = ()
    applicable: bool = True  # False: the signal is defined only for another kind

    def to_json(self) -> dict[str, Any]:
        return {"present": self.present, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class SiteCheck:
    """The signals of one page, the weighted score and the "báo hóa" verdict."""

    domain: str
    kind: str
    signals: tuple[Signal, ...]
    baohoa: bool
    score: float
    rule_code: str | None  # the dated rule whose weights were applied
    on: datetime.date

    def signal(self, name: str) -> Signal:
        for candidate in self.signals:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """The ``check_site`` output of DECISIONS §3."""
        return {
            "domain": self.domain,
            "kind": self.kind,
            "signals": {s.name: s.to_json() for s in self.signals},
            "baohoa": self.baohoa,
            "score": self.score,
        }

    def hits(self, subject: str = "") -> list[RuleHit]:
        """The verdict and the per-signal rules in force, as rule hits for the findings store."""
        subject = subject or self.domain
        found: list[RuleHit] = []
        if self.rule_code is not None:
            verdict_rule = next(
                r for r in rules_for("site_signals", self.on) if r.code == self.rule_code
            )
            present = [s for s in self.signals if s.present]
            found.append(
                make_hit(
                    verdict_rule,
                    subject,
                    passed=not self.baohoa,
                    score=self.score,
                    template=VERDICT_TEMPLATE,
                    params={
                        "count": len(present),
                        "score": self.score,
                        "threshold": float(verdict_rule.param("threshold")),
                        "names": ", ".join(s.name for s in present) or "-",
                    },
                    evidence=tuple(e for s in present for e in s.evidence)[:12],
                    figures={s.name: s.present for s in self.signals if s.applicable},
                )
            )
        for signal in self.signals:
            rule = rule_for_check("site_signals", signal.name, self.on, key="signal")
            if rule is None or self.kind not in rule.applies_to or not signal.applicable:
                continue
            found.append(
                make_hit(
                    rule,
                    subject,
                    passed=not signal.present,
                    score=1.0,
                    template=SIGNAL_TEMPLATE,
                    params={"signal": signal.name},
                    evidence=signal.evidence,
                )
            )
        return found


def _agencies(press_names: Sequence[str]) -> list[AgencyName]:
    return [AgencyName(i, name) for i, name in enumerate(press_names) if name.strip()]


def _short(text: str, limit: int = 100) -> str:
    text = normalize_text(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def press_like_domain_or_name(
    page: Page, domain: str, kind: str, press_names: Sequence[str] = ()
) -> Signal:
    ignored = set(terms()["press_words_not_for_magazine"]) if kind == "magazine" else set()
    evidence = [
        f"domain: {domain} ({m.word})"
        for m in press_words_in_domain(domain)
        if m.word not in ignored
    ]
    agencies = _agencies(press_names)
    evidence += [
        f'domain: {domain} resembles "{m.matched_name}" ({m.ratio:.2f})'
        for m in domain_like_agencies(domain, agencies)
    ]
    for where, name in page.site_names:
        words = [m.word for m in press_words_in_name(name) if m.word not in ignored]
        if words:
            evidence.append(f"{where}: {_short(name)} ({', '.join(words)})")
        evidence += [
            f'{where}: {_short(name)} resembles "{m.matched_name}" ({m.ratio:.2f})'
            for m in similar_agencies(name, agencies)
        ]
    return Signal("press_like_domain_or_name", bool(evidence), tuple(dict.fromkeys(evidence)))


def _quotes(blocks: Iterable[Block], candidates: Sequence[Phrase], limit: int = 5) -> list[str]:
    quotes: list[str] = []
    for block in blocks:
        hits = find_all(block.text, candidates)
        if hits:
            quotes.append(f"{block.region}: {block.text.snippet(hits[0].first, hits[-1].last)}")
        if len(quotes) >= limit:
            break
    return list(dict.fromkeys(quotes))


def calls_itself_press(page: Page, kind: str) -> Signal:
    allowed = set(terms()["calls_itself_press_allowed"].get(kind, ()))
    candidates = phrases(t for t in terms()["calls_itself_press"] if t not in allowed)
    evidence = _quotes(page.regions(FURNITURE), candidates)
    return Signal("calls_itself_press", bool(evidence), tuple(evidence))


def newsroom_terms(page: Page) -> Signal:
    evidence = _quotes(page.regions(FURNITURE), _phrases("newsroom_terms"))
    return Signal("newsroom_terms", bool(evidence), tuple(evidence))


def _skip_fillers(text: Tokens, index: int, fillers: Sequence[Phrase]) -> int:
    for _ in range(4):
        for filler in fillers:
            if filler.at(text.tokens, index):
                index += len(filler)
                break
        else:
            return index
    return index


def journalist_title_for_responsible_person(page: Page) -> Signal:
    leads = _phrases("responsible_person")
    fillers = _phrases("responsible_person_filler")
    titles = _phrases("journalist_titles")
    evidence = []
    for block in page.outside_content():
        tokens = block.text.tokens
        for hit in find_all(block.text, leads):
            after = _skip_fillers(block.text, hit.last + 1, fillers)
            title = next((t for t in titles if t.at(tokens, after)), None)
            if title is not None:
                last = min(len(tokens) - 1, after + len(title) + 2)
                evidence.append(f"{block.region}: {block.text.span(hit.first, last)}")
                continue
            before = range(max(0, hit.first - 8), hit.first)
            start = next((i for i in before if any(t.at(tokens, i) for t in titles)), None)
            if start is not None:
                evidence.append(f"{block.region}: {block.text.span(start, hit.last)}")
    return Signal(
        "journalist_title_for_responsible_person",
        bool(evidence),
        tuple(dict.fromkeys(evidence))[:5],
    )


_LABEL_SPLIT = re.compile(r"\s*[-/|&,•·]\s*|\s+và\s+", re.IGNORECASE)


def _label_parts(label: str) -> list[Tokens]:
    return [tokenize(p) for p in _LABEL_SPLIT.split(label) if p.strip()]


def news_style_sections(page: Page) -> Signal:
    sections = _phrases("news_sections")
    core = phrases(terms()["core_news_sections"])
    tin = Phrase.of("tin")
    found: dict[str, str] = {}
    for label in page.nav_links:
        for part in _label_parts(label):
            for section in sections:
                prefixed = tin.starts(part) and section.equals(Tokens(part.text, part.tokens[1:]))
                if section.equals(part) or prefixed:
                    found.setdefault(section.label, label)
    core_found = [s for s in found if any(s == c.label for c in core)]
    present = len(found) >= int(terms()["min_news_sections"]) and bool(core_found)
    evidence = [f"nav: {' | '.join(dict.fromkeys(found.values()))}"] if found else []
    return Signal("news_style_sections", present, tuple(evidence))


def hot_news_sections(page: Page, kind: str) -> Signal:
    prefixes = _phrases("hot_sections")
    exact = _phrases("hot_sections_magazine_extra") if kind == "magazine" else ()
    evidence = []
    for label in page.nav_links:
        parts = _label_parts(label)
        if any(p.starts(part) for p in prefixes for part in parts) or any(
            p.equals(part) for p in exact for part in parts
        ):
            evidence.append(f"nav: {_short(label, 60)}")
    return Signal("hot_news_sections", bool(evidence), tuple(evidence))


def comments_enabled(page: Page) -> Signal:
    return Signal("comments_enabled", bool(page.comment_widgets), page.comment_widgets[:5])


_LICENCE_NUMBER = re.compile(r"\b\d+\s*/\s*gp\s*-\s*[a-z0-9&]+", re.IGNORECASE)
_NUMBER = re.compile(r"\d")


def _licence(blocks: Iterable[Block]) -> str | None:
    words = _phrases("licence_words")
    for block in blocks:
        folded = fold_diacritics(block.text.text)
        match = _LICENCE_NUMBER.search(folded)
        if match:
            inside = [
                i for i, t in enumerate(block.text.tokens) if match.start() <= t.start < match.end()
            ]
            if inside:
                quote = block.text.snippet(inside[0], inside[-1], width=30)
                return f"{block.region}: {quote}"
        for hit in find_all(block.text, words):
            rest = block.text.text[block.text.tokens[hit.last].end :][:40]
            if _NUMBER.search(rest):
                return f"{block.region}: {block.text.snippet(hit.first, hit.last, width=30)}"
    return None


def missing_site_type_label(page: Page, kind: str) -> Signal:
    name = "missing_site_type_label"
    labels = terms()["site_type_labels"].get(kind)
    if not labels:
        return Signal(
            name, present=False, evidence=(f"not applicable to {kind}",), applicable=False
        )
    blocks = list(page.outside_content())
    label = _quotes(blocks, phrases(labels), limit=1)
    licence = _licence(blocks)
    evidence = [*label, *([licence] if licence else [])]
    if not label:
        evidence.append(f'not found: "{labels[0]}"')
    if not licence:
        evidence.append('not found: licence number ("Giấy phép số …")')
    return Signal(name, not (label and licence), tuple(evidence))


def magazine_name_hidden(page: Page, kind: str) -> Signal:
    name = "magazine_name_hidden"
    if kind != "magazine":
        return Signal(
            name, present=False, evidence=(f"not applicable to {kind}",), applicable=False
        )
    word = Phrase.of(terms()["magazine_word"])
    big = [t for t, small in page.masthead if not small] + list(page.logo_alts)
    shown = next((t for t in big if word.find(tokenize(t))), None)
    if shown is not None:
        return Signal(name, present=False, evidence=(f"masthead: {_short(shown)}",))
    small = next((t for t, is_small in page.masthead if is_small and word.find(tokenize(t))), None)
    if small is not None:
        return Signal(name, present=True, evidence=(f"masthead (printed small): {_short(small)}",))
    elsewhere = [
        f"{where}: {_short(text)}"
        for where, text in page.site_names
        if where in ("title", "og:site_name") and word.find(tokenize(text))
    ]
    has_masthead = bool(page.masthead or page.logo_alts)
    if elsewhere and not has_masthead:  # no masthead on the page: the title is all there is
        return Signal(name, present=False, evidence=tuple(elsewhere[:2]))
    shown_as = list(dict.fromkeys(f"masthead: {_short(t)}" for t in big))[:2]
    evidence = [*shown_as, 'not found: "Tạp chí" in the masthead or logo']
    if elsewhere:
        evidence.append(f"only in {elsewhere[0]}")
    return Signal(name, present=True, evidence=tuple(evidence))


# --- The check ------------------------------------------------------------------------------------
def _verdict_rule(on: datetime.date, kind: str) -> Rule | None:
    rules = [r for r in rules_for("site_signals", on, kind=kind) if r.param("weights")]
    return rules[0] if rules else None


def check_site(
    html: str,
    *,
    domain: str,
    kind: str,
    press_names: Sequence[str] = (),
    on: datetime.date | None = None,
) -> SiteCheck:
    """The form signals of one page of a site of ``kind`` (``ValueError`` for bad input).

    ``press_names``: registered press agencies' names (leave out the site's own name when the site
    is itself a press agency). ``on``: the day whose rules apply (default: today in Vietnam).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    domain = domain.strip().lower()
    if not domain:
        raise ValueError("the domain is empty")
    on = on or datetime.datetime.now(VIETNAM).date()
    page = parse_page(html)
    signals = (
        press_like_domain_or_name(page, domain, kind, press_names),
        calls_itself_press(page, kind),
        newsroom_terms(page),
        journalist_title_for_responsible_person(page),
        news_style_sections(page),
        comments_enabled(page),
        missing_site_type_label(page, kind),
        magazine_name_hidden(page, kind),
        hot_news_sections(page, kind),
    )
    rule = _verdict_rule(on, kind) if kind in VERDICT_KINDS else None
    score = 0.0
    if rule is not None:
        weights: Mapping[str, float] = rule.param("weights", {}).get(kind, {})
        total = sum((float(weights.get(s.name, 0.0)) for s in signals if s.present), 0.0)
        score = round(min(1.0, total), 2)
    baohoa = rule is not None and score >= float(rule.param("threshold"))
    return SiteCheck(
        domain=domain,
        kind=kind,
        signals=signals,
        baohoa=baohoa,
        score=score,
        rule_code=rule.code if rule else None,
        on=on,
    )
