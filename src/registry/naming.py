"""Press-like words and press-agency look-alikes in the names and domains of general sites.

Pure (no Django): the compliance checks feed it names, domains and the registered agencies.

- QĐ 1418/QĐ-BTTTT, form criterion 1: a domain containing words that suggest a press agency
  (*Báo, Tạp chí, Tin, Tin tức, News, Times, Online, Daily…*) is a sign of "báo hóa".
- NĐ 147/2024: a site that is not a press agency must not use a name or domain identical or similar
  to a press agency's name, or containing words that could be confused with a press agency.

Matching is done on accent-folded text (``Tin tức`` = ``tin tuc``). The short Vietnamese words
``báo`` and ``tin`` have many false friends, so they are matched as whole syllables, accent-aware
when the text has accents (``bảo``, ``bão``, ``tín`` are other words), and never inside common
compounds (``thông tin``, ``tin học``, ``báo cáo``, ``bảo hiểm``…). In a domain, where syllables are
written together, they count only at the start of a label (``tintucdaknong``, ``bao-daknong``) and
not before letters that make a false friend (``tinhdaknong`` is *tỉnh*, ``baohiem`` *bảo hiểm*).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from core.text import fold_diacritics, tone_key

#: Names at least this similar (difflib ratio on folded text) to an agency name are flagged.
SIMILARITY_THRESHOLD = 0.85
_LABEL_SPLIT = re.compile(r"[.\-_]+")
_FOLDED_WORD = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[^\W_]+")


@cache
def _constant_words(text: str) -> tuple[str, ...]:
    """The folded words of a constant (a press term), computed once."""
    return tuple(fold_diacritics(text).split())


@cache
def _constant_keys(options: tuple[str, ...], *, toned: bool) -> frozenset[str]:
    """Matching keys of constant words (false-friend contexts), computed once."""
    return frozenset(tone_key(o) if toned else fold_diacritics(o) for o in options)


@dataclass(frozen=True, slots=True)
class PressTerm:
    """A word that suggests a press agency, with the contexts in which it does not.

    ``not_after`` / ``not_before`` are the (accented) syllables that, just before or after the
    word, make a false friend; they are compared accent-aware when the text has accents.
    ``domain_*`` are the same idea for domain labels, where syllables are written together.
    """

    label: str  # as shown to users, e.g. "tin tức"
    accented: bool = False  # a single syllable that must carry exactly these accents, e.g. "báo"
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    substring: bool = False  # may appear anywhere inside a domain label or a run-together word
    domain_not_after: tuple[str, ...] = ()  # substring terms: false friend if preceded by these
    domain_not_before: tuple[str, ...] = ()  # prefix terms: false friend if followed by these…
    domain_allow_before: tuple[str, ...] = ()  # …unless followed by these

    @property
    def folded(self) -> tuple[str, ...]:
        return _constant_words(self.label)

    @property
    def compact(self) -> str:
        return "".join(self.folded)


#: The press-like words (QĐ 1418 form criterion 1 and NĐ 147/2024, with their usual variants).
PRESS_TERMS: tuple[PressTerm, ...] = (
    PressTerm("báo chí", substring=True),
    PressTerm("tạp chí", substring=True),
    PressTerm("tin tức", not_after=("thông",), substring=True, domain_not_after=("thong",)),
    PressTerm("nhật báo", substring=True),
    PressTerm("thời báo", substring=True),
    PressTerm(
        "báo",
        accented=True,
        not_after=("thông", "cảnh", "dự", "tình", "khai", "loan"),
        not_before=(
            "cáo",
            "giá",
            "hiệu",
            "danh",
            "thù",
            "đáp",
            "hiểm",
            "vệ",
            "tàng",
            "gồm",
            "tồn",
            "trì",
            "hành",
            "đảm",
            "lãnh",
            "lưu",
            "dưỡng",
            "hộ",
            "mật",
            "bì",
            "lâu",
            "nhiêu",
        ),
        domain_not_before=(
            "hiem",
            "ve",
            "tang",
            "cao",
            "gia",
            "gom",
            "ton",
            "quan",
            "tri",
            "dam",
            "lanh",
            "luu",
            "duong",
            "mat",
            "bi",
            "hanh",
            "hieu",
            "danh",
        ),
        domain_allow_before=("caobang", "gialai", "quang", "binh"),
    ),
    PressTerm(
        "tin",
        accented=True,
        not_after=("thông", "niềm", "tự", "uy", "đáng"),
        not_before=("học", "tưởng", "nhắn", "cậy", "dụng", "chỉ", "ngưỡng", "hiệu", "nhiệm"),
        domain_not_before=("h", "y", "g", "a", "e", "i", "o", "u", "nhan", "cay", "dung"),
        domain_allow_before=("hot", "hay", "nhanh"),
    ),
    PressTerm("news", substring=True),
    PressTerm("times", substring=True),
    PressTerm("online", substring=True),
    PressTerm("daily", substring=True),
    PressTerm("press", substring=True),
)
#: Longer words that contain an English press word but mean something else.
_ENGLISH_FALSE_FRIENDS = ("wordpress", "express", "pressure", "sometimes")


@dataclass(frozen=True, slots=True)
class WordMatch:
    """A press-like word found in a name or a domain."""

    word: str  # the press term's label, e.g. "tin tức"
    text: str  # the name or domain it was found in


@dataclass(frozen=True, slots=True)
class AgencyName:
    """A registered press agency and the names it goes by (folded once, compared many times)."""

    key: int  # the agency's primary key (or any identifier the caller needs back)
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    names: tuple[tuple[str, _Phrase], ...] = field(init=False)  # (name or alias, its words)
    labels: tuple[tuple[str, str], ...] = field(init=False)  # (written together, name or domain)

    def __post_init__(self) -> None:
        originals = (self.name, *self.aliases)
        names = tuple((n, _Phrase.of(n)) for n in originals if n)
        labels = {phrase.compact: original for original, phrase in names}
        labels.update({_main_label(d): d for d in self.domains})
        labels = {compact: original for compact, original in labels.items() if len(compact) >= 4}
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "labels", tuple(labels.items()))


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """A site name or domain that looks like a registered agency's name."""

    agency: AgencyName
    matched_name: str  # the agency's name, alias or domain it resembles
    text: str  # the site's name or domain
    ratio: float  # similarity, 1.0 for containment or equality


# --- Words of a name ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Words:
    folded: tuple[str, ...]
    toned: tuple[str, ...] | None  # tone keys of the same words, when the text has accents

    @classmethod
    def of(cls, text: str) -> _Words:
        folded = tuple(_FOLDED_WORD.findall(fold_diacritics(text)))
        if not _has_accents(text):
            return cls(folded, None)
        toned = tuple(tone_key(w) for w in _WORD.findall(text))
        if len(toned) != len(folded):  # unusual characters: fall back to folded text
            return cls(folded, None)
        return cls(folded, toned)

    def at(self, index: int) -> tuple[str, str | None]:
        if index < 0 or index >= len(self.folded):
            return "", None
        return self.folded[index], self.toned[index] if self.toned else None


def _has_accents(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.lower() or any(unicodedata.combining(c) for c in decomposed)


def _is_one_of(word: tuple[str, str | None], options: tuple[str, ...]) -> bool:
    folded, toned = word
    if toned is None:
        return folded in _constant_keys(options, toned=False)
    return toned in _constant_keys(options, toned=True)


def _term_at(term: PressTerm, words: _Words, start: int) -> bool:
    size = len(term.folded)
    if words.folded[start : start + size] != term.folded:
        return False
    toned = words.toned
    if term.accented and toned and toned[start] not in _constant_keys((term.label,), toned=True):
        return False
    return not (
        _is_one_of(words.at(start - 1), term.not_after)
        or _is_one_of(words.at(start + size), term.not_before)
    )


def _term_in_words(term: PressTerm, words: _Words) -> bool:
    return any(_term_at(term, words, i) for i in range(len(words.folded)))


def _term_run_together(term: PressTerm, words: _Words) -> bool:
    """A press word inside a word written together with others (``DaknongNews``)."""
    return term.substring and any(
        len(w) > len(term.compact) and _in_label(term, w) for w in words.folded
    )


def press_words_in_name(name: str) -> list[WordMatch]:
    """The press-like words in a site's name (whole words, accent-aware where accents exist)."""
    words = _Words.of(name)
    found = [
        WordMatch(term.label, name)
        for term in PRESS_TERMS
        if _term_in_words(term, words) or _term_run_together(term, words)
    ]
    return _without_parts(found)


# --- Labels of a domain ---------------------------------------------------------------------------
def _substring_in_label(term: PressTerm, label: str) -> bool:
    compact = term.compact
    for found in re.finditer(re.escape(compact), label):
        before = label[: found.start()]
        if before.endswith(term.domain_not_after) and term.domain_not_after:
            continue
        if any(f in label and compact in f for f in _ENGLISH_FALSE_FRIENDS):
            continue
        return True
    return False


def _prefix_of_label(term: PressTerm, label: str) -> bool:
    compact = term.compact
    if not label.startswith(compact):
        return False
    rest = label[len(compact) :]
    if not rest or rest[0].isdigit() or rest.startswith(term.domain_allow_before):
        return True
    return not rest.startswith(term.domain_not_before)


def _in_label(term: PressTerm, label: str) -> bool:
    if term.substring:
        return _substring_in_label(term, label)
    return _prefix_of_label(term, label)


def domain_labels(domain: str) -> list[str]:
    """The labels of a domain or URL: ``https://www.tin-tuc.vn/x`` → ``[www, tin, tuc, vn]``."""
    host = fold_diacritics(domain.strip())
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host).split("/")[0].split(":")[0]
    return [label for label in _LABEL_SPLIT.split(host) if label]


def press_words_in_domain(domain: str) -> list[WordMatch]:
    """The press-like words in a domain; its labels are also read as words (``tin-tuc.vn``)."""
    labels = domain_labels(domain)
    as_words = _Words(tuple(labels), None)
    found = [
        WordMatch(term.label, domain)
        for term in PRESS_TERMS
        if any(_in_label(term, label) for label in labels)
        or (len(term.folded) > 1 and _term_in_words(term, as_words))
    ]
    return _without_parts(found)


def _without_parts(found: list[WordMatch]) -> list[WordMatch]:
    """Drop a word already reported as part of a longer one ("tin" within "tin tức")."""
    labels = [m.word for m in found]
    return [
        m for m in found if not any(m.word != other and m.word in other.split() for other in labels)
    ]


# --- Look-alikes of registered agencies -----------------------------------------------------------
#: A name written together (``ptthdaknong``) this long may be found inside another one.
_MIN_COMPACT_CONTAINED = 8


@dataclass(frozen=True, slots=True)
class _Phrase:
    """Folded words of a text, joined with spaces (padded) and written together."""

    spaced: str  # " bao dak nong "
    compact: str  # "baodaknong"

    @classmethod
    def of(cls, text: str) -> _Phrase:
        words = _FOLDED_WORD.findall(fold_diacritics(text))
        return cls(f" {' '.join(words)} ", "".join(words))

    def contains(self, other: _Phrase) -> bool:
        """``other``'s words appear in a row here, or (long enough) written together."""
        if len(other.compact) < 3:
            return False
        if len(other.compact) >= _MIN_COMPACT_CONTAINED and other.compact in self.compact:
            return True
        return other.spaced in self.spaced


class _Similarity:
    """Compares one text with many candidates (difflib ratio, with cheap bounds first)."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.matcher = SequenceMatcher(None, "", text, autojunk=False)

    def ratio(self, candidate: str) -> float:
        total = self.size + len(candidate)
        if not total or 2 * min(self.size, len(candidate)) / total < SIMILARITY_THRESHOLD:
            return 0.0
        self.matcher.set_seq1(candidate)
        if self.matcher.quick_ratio() < SIMILARITY_THRESHOLD:
            return 0.0
        return self.matcher.ratio()


def similar_agencies(name: str, agencies: Iterable[AgencyName]) -> list[AgencyMatch]:
    """Registered agencies whose name or alias the site name contains or closely resembles."""
    phrase = _Phrase.of(name)
    if not phrase.compact:
        return []
    similarity = _Similarity(phrase.spaced.strip())
    found: list[AgencyMatch] = []
    for agency in agencies:
        for original, candidate in agency.names:
            contained = phrase.contains(candidate)
            ratio = 1.0 if contained else similarity.ratio(candidate.spaced.strip())
            if ratio >= SIMILARITY_THRESHOLD:
                found.append(AgencyMatch(agency, original, name, round(ratio, 2)))
                break
    return found


def _main_label(domain: str) -> str:
    labels = [label for label in domain_labels(domain) if label != "www"]
    return labels[0] if labels else ""


def domain_like_agencies(domain: str, agencies: Iterable[AgencyName]) -> list[AgencyMatch]:
    """Agencies whose name (written together) or own domain the site's domain resembles."""
    label = _main_label(domain)
    if len(label) < 4:
        return []
    similarity = _Similarity(label)
    found: list[AgencyMatch] = []
    for agency in agencies:
        for compact, original in agency.labels:
            ratio = 1.0 if compact == label else similarity.ratio(compact)
            if ratio >= SIMILARITY_THRESHOLD:
                found.append(AgencyMatch(agency, original, domain, round(ratio, 2)))
                break
    return found


def press_titles_in(title: str, titles: Sequence[str]) -> list[str]:
    """The press titles (e.g. "nhà báo", "phóng viên") that ``title`` uses, accent-insensitive."""
    phrase = _Phrase.of(title)
    return [t for t in titles if phrase.contains(_Phrase.of(t))]
