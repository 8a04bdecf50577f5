"""Query parsing, matching keys, snippets and the query builders of both backends (no database)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core.text import fold_diacritics, normalize_text, tone_key
from monitoring.search.postgres import tsquery_text
from monitoring.search.query import (
    MAX_KEY_LENGTH,
    MAX_TERMS,
    TOKEN,
    Term,
    exact_key,
    folded_key,
    has_diacritics,
    index_keys,
    parse_query,
)
from monitoring.search.snippets import build_snippet, highlight
from monitoring.search.sqlite_fts5 import match_expression
from monitoring.search.types import MatchMode

INJECTIONS = [
    '"',
    '""',
    '"unclosed phrase',
    "đắk NEAR nông",
    "NEAR(dak nong, 2)",
    "dak*",
    "*",
    "-nong",
    "dak AND nong OR NOT hue",
    "(dak OR",
    ")",
    "title_key: dak",
    "{title_key body_key}: dak",
    "^dak",
    "dak + nong",
    "'; DROP TABLE monitoring_article; --",
    "a\\b",
    "!!! ::: &&& |||",
    "dak <-> nong",
    "dak:* & !nong",
    "\x00",
]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Hòa", "hoa2"),
        ("hoà", "hoa2"),
        ("thủy", "thuy3"),
        ("thuỷ", "thuy3"),
        ("Đắk", "đăk1"),
        ("Đăk", "đăk"),
        ("NÔNG", "nông"),
        ("lợi", "lơi5"),
        ("ngã", "nga4"),
    ],
)
def test_exact_key_agrees_on_both_tone_placements(word: str, key: str) -> None:
    assert exact_key(word) == key


@pytest.mark.parametrize("word", ["Đắk", "Đăk", "Dak", "dak", "ĐĂK"])
def test_folded_key_drops_every_diacritic(word: str) -> None:
    assert folded_key(word) == "dak"


def _exact_key_by_tone_key(word: str) -> str:
    key = tone_key(word).translate(str.maketrans("\u0301\u0300\u0309\u0303\u0323", "12345"))
    return "".join(c for c in key if not unicodedata.combining(c))


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=70) | st.text(max_size=40))
@example("Hòa thuỷ ĐẮK Nông İstanbul ǅ ﬁ Ω")
def test_word_keys_agree_with_the_general_text_functions(text: str) -> None:
    # exact_key and folded_key take short paths; on normalised text (what indexing and queries
    # pass them) they must give what tone_key and fold_diacritics give
    for word in TOKEN.findall(normalize_text(text)):
        general = _exact_key_by_tone_key(word)
        assert exact_key(word) == (general if len(general) <= MAX_KEY_LENGTH else "")
        folded = "".join(TOKEN.findall(fold_diacritics(word)))
        assert folded_key(word) == (folded if len(folded) <= MAX_KEY_LENGTH else "")


def test_index_keys_are_space_separated_letters_and_digits() -> None:
    text = "Tỉnh Đắk Nông: “khởi công” đường <b>ĐT-684</b>, R’lấp"
    assert index_keys(text, folded=False) == "tinh3 đăk1 nông khơi3 công đương2 b đt 684 b r lâp1"
    assert index_keys(text, folded=True) == "tinh dak nong khoi cong duong b dt 684 b r lap"


def test_decomposed_input_gets_the_same_keys_as_composed() -> None:
    decomposed = "Ho\u0300a Bi\u0300nh"
    assert index_keys(decomposed, folded=False) == index_keys("Hòa Bình", folded=False)


def test_has_diacritics() -> None:
    assert has_diacritics("Đắk Nông")
    assert has_diacritics("dak nông")
    assert has_diacritics("đ")
    assert not has_diacritics("dak nong")
    assert not has_diacritics("DAK NONG 2026")


def test_words_without_diacritics_search_folded_keys() -> None:
    parsed = parse_query("Dak Nong")
    assert parsed.folded
    assert parsed.terms == (Term(("dak",)), Term(("nong",)))


def test_words_with_diacritics_search_exact_keys() -> None:
    parsed = parse_query("Đắk Nông hoà")
    assert not parsed.folded
    assert parsed.terms == (Term(("đăk1",)), Term(("nông",)), Term(("hoa2",)))


def test_quoted_words_form_a_phrase() -> None:
    parsed = parse_query('"Đắk Nông" “Hòa Bình” huyện')
    assert parsed.terms == (Term(("đăk1", "nông")), Term(("hoa2", "binh2")), Term(("huyên5",)))
    assert parsed.terms[0].is_phrase and not parsed.terms[2].is_phrase


def test_a_word_that_splits_is_a_phrase_and_duplicates_are_dropped() -> None:
    parsed = parse_query("covid-19 dak DAK")
    assert parsed.terms == (Term(("covid", "19")), Term(("dak",)))


def test_an_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('huyện "Đắk Song').terms[1] == Term(("đăk1", "song"))


def test_no_words_means_an_empty_query() -> None:
    assert parse_query('*** "" ( ) -').is_empty
    assert parse_query("").is_empty


def test_the_number_of_terms_is_bounded() -> None:
    assert len(parse_query(" ".join(f"w{i}" for i in range(100))).terms) == MAX_TERMS


@pytest.mark.parametrize("text", INJECTIONS)
def test_query_syntax_is_never_passed_through(text: str) -> None:
    parsed = parse_query(text)
    for term in parsed.terms:
        for key in term.keys:
            assert key.isalnum(), key
    if parsed.is_empty:
        return
    expression = match_expression(parsed)
    inner = expression.split(" : (", 1)[1][:-1]
    for part in inner.split(" AND "):
        assert part.startswith('"') and part.endswith('"') and '"' not in part[1:-1]
    for token in tsquery_text(parsed).replace("(", " ").replace(")", " ").split():
        assert token in {"&", "|", "<->"} or token.startswith("'"), token


def test_match_expression_restricts_the_columns() -> None:
    assert match_expression(parse_query('"dak nong" hue')) == (
        '{title_folded body_folded} : ("dak nong" AND "hue")'
    )
    assert match_expression(parse_query("Huế Đắk"), MatchMode.ANY) == (
        '{title_key body_key} : ("huê1" OR "đăk1")'
    )


def test_tsquery_keeps_a_phrase_within_the_title_or_the_body() -> None:
    assert tsquery_text(parse_query('"dak nong" hue')) == (
        "(('dak':A <-> 'nong':A) | ('dak':B <-> 'nong':B)) & 'hue'"
    )
    assert tsquery_text(parse_query("a b"), MatchMode.ANY) == "'a' | 'b'"


def test_snippet_marks_matches_and_escapes_the_rest() -> None:
    text = (
        "Mở đầu "
        + "chữ " * 60
        + "tỉnh Đăk Nông <script>alert(1)</script> và Hoà Bình. "
        + ("đuôi " * 60)
    )
    snippet = build_snippet(text, parse_query('"Đăk Nông" hòa'))
    assert "<mark>Đăk Nông</mark>" in snippet
    assert "<mark>Hoà</mark>" in snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")


def test_snippet_without_a_match_in_the_body_shows_its_start() -> None:
    snippet = build_snippet("Một hai ba. " * 30, parse_query("zzz"))
    assert snippet.startswith("Một hai ba.") and "<mark>" not in snippet


def test_snippet_prefers_the_window_with_the_most_terms() -> None:
    text = "alpha " + "x " * 100 + "alpha beta gamma " + "y " * 100
    snippet = build_snippet(text, parse_query("alpha beta gamma"), words=10)
    assert "<mark>alpha beta gamma</mark>" in snippet


def test_highlight_keeps_the_whole_title() -> None:
    assert highlight("Dak Nong & “Đắk Nông”.", parse_query("dak nong")) == (
        "<mark>Dak Nong</mark> &amp; “<mark>Đắk Nông</mark>”."
    )
    assert highlight("", parse_query("x")) == ""


def test_key_pair_equals_the_two_key_passes() -> None:
    from core.text import normalize_text
    from monitoring.search.query import index_key_pair

    text = normalize_text("Tỉnh Đắk Nông khởi công đường ĐT 684 — Hoà Bình, R’lấp; thuỷ lợi")
    assert index_key_pair(text) == (
        index_keys(text, folded=False),
        index_keys(text, folded=True),
    )
