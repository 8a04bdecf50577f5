"""Topic query language: parsing, canonical text, errors, matching semantics."""

from __future__ import annotations

import pickle
import unicodedata

import pytest

from analysis.engine.query import MESSAGES, Document, Percolator, Query, QueryError, parse_query
from analysis.engine.query.limits import MAX_PREFIXES, MAX_TERMS

DOC = Document(
    title="Sạt lở nghiêm trọng ở Lâm Đồng",
    lead="Mưa lũ kéo dài, chính quyền tỉnh Lâm Đồng sơ tán dân",
    body="Ông Nguyễn Văn Hoà cho biết hoà bình trở lại. Covid-19 không còn. Tin từ R’lấp.",
    outlet="Báo Lâm Đồng",
    source_type="RSS",
)


def matches(text: str, doc: Document = DOC, *, accent_insensitive: bool = False) -> bool:
    return parse_query(text, accent_insensitive=accent_insensitive).matches(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lở", True),
        ("lo", False),  # exact mode: no diacritics written means none in the text
        ("hòa", True),  # tone placement: hoà in the text
        ("HOÀ bình", True),
        (unicodedata.normalize("NFD", "Nguyễn Văn Hòa"), True),
        ('"Lâm Đồng"', True),
        ('"Đồng Lâm"', False),
        ("Lâm Đồng", True),  # implicit AND
        ("lở OR chẳng", True),
        ("chẳng OR chưa", False),
        ("lở AND NOT chẳng", True),
        ("lở NOT bình", False),
        ("lở -", True),  # punctuation alone is ignored
        ("chẳng OR lở AND mưa", True),
        ("(chẳng OR lở) AND chưa", False),
        ("title:sạt", True),
        ("lead:sạt", False),
        ('body:"nguyễn văn"', True),
        ('title:("Lâm Đồng" OR chẳng)', True),
        ("lead:(sạt OR lở)", False),
        ("outlet:báo", True),
        ('outlet:"Báo Lâm"', True),
        ("outlet:tuổi", False),
        ("source_type:rss", True),
        ("source_type:social", False),
        ("source_type:(social OR rss)", True),
        ("covid-19", True),
        ('"covid 19"', True),
        ("R'lấp", True),
        ("nguy*", True),
        ("nguyễ*", True),
        ("nguyề*", False),  # the tone of a prefix must agree
        ("nguyê*", True),  # no tone in the prefix: any tone
        ("hoàn*", False),
        ("hoà*", True),
        ("sạt NEAR/1 lở", True),
        ("lở NEAR/1 sạt", True),  # either order
        ("sạt NEAR/4 Lâm", False),  # 'sạt lở nghiêm trọng ở Lâm': Lâm is 5 words on
        ("sạt NEAR/5 Lâm", True),
        ("sạt NEAR/5 (chẳng OR Lâm)", True),
        ('"sạt lở" NEAR/3 "Lâm Đồng"', False),
        ('"sạt lở" NEAR/4 "Lâm Đồng"', True),
        ("sạt NEAR tán", False),  # title and lead: never near each other
        ("title:(sạt NEAR/5 Đồng)", False),
        ("title:(sạt NEAR/6 Đồng)", True),
        ("sạt NEAR/1 lở NEAR/3 trọng", True),  # chained: 'sạt lở' then 'trọng'
        ("sạt NEAR/1 lở NEAR/1 ở", False),
        ("lở NEAR/1 lở", False),  # two different occurrences needed
        ("Lâm NEAR/1 Lâm", False),
        ("mưa VÀ lũ KHÔNG chẳng", True),
        ("chẳng HOẶC mưa", True),
        ("và", False),  # lower case: an ordinary word
    ],
)
def test_matching_semantics(text: str, expected: bool) -> None:
    assert matches(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lo", True),
        ("Lam Dong", True),
        ("sat NEAR/1 lở", True),
        ("dong*", True),
        ("nguyen van hoa", True),
        ("rlap", False),  # R'lấp is two words
        ('"r lap"', True),
        ("outlet:bao", True),
    ],
)
def test_accent_insensitive_switch(text: str, expected: bool) -> None:
    assert matches(text, accent_insensitive=True) is expected


def test_accent_switch_folds_the_document_too() -> None:
    doc = Document(body="Dak Nong va Đăk Song")
    assert matches("Đắk Nông", doc, accent_insensitive=True)
    assert not matches("Đắk Nông", doc)
    assert matches('"dak song"', doc, accent_insensitive=True)


def test_canonical_text_round_trips() -> None:
    q = parse_query('  "Lâm  Đồng" (sạt* OR lũ)  NOT title:"quảng cáo" a NEAR b NEAR/3 c')
    assert q.text == ('"lâm đồng" AND (sạt* OR lũ) AND NOT title:"quảng cáo" AND a NEAR b NEAR/3 c')
    assert str(q) == q.text
    assert parse_query(q.text) == q
    assert parse_query("title:(a OR b)").text == "title:a OR title:b"
    assert parse_query("a OR (b OR a)").text == "a OR b"
    assert parse_query("a NOT NOT b").text == "a AND b"
    assert parse_query("a NEAR/3 (b NEAR/2 c)").text == "a NEAR/3 (b NEAR/2 c)"
    assert parse_query("a", accent_insensitive=True) != parse_query("a")


def test_terms_and_prefilter() -> None:
    q = parse_query('"Lâm Đồng" (lũ OR sạt*) NOT quảng outlet:báo')
    assert q.terms() == ("lu4", "lâm", "đông2")  # the archive index's spelling
    assert q.prefilter() == [["lâm", "đông2"]]
    assert parse_query("(a OR b) (c OR d)").prefilter() == [
        ["a", "c"],
        ["a", "d"],
        ["b", "c"],
        ["b", "d"],
    ]
    assert parse_query("a OR (a b)").prefilter() == [["a"]]
    assert parse_query("Đắk", accent_insensitive=True).prefilter() == [["dak"]]
    assert parse_query("sạt* OR lũ").prefilter() is None
    assert parse_query("source_type:social").prefilter() is None
    wide = " ".join(f"(a{i} OR b{i})" for i in range(10))  # 1024 alternatives, capped
    alternatives = parse_query(wide).prefilter()
    assert alternatives is not None and 1 < len(alternatives) <= 64


@pytest.mark.parametrize(
    ("text", "position", "code"),
    [
        ("", 0, "empty_query"),
        ("   ", 0, "empty_query"),
        ("a AND", 5, "missing_operand"),
        ("a OR )", 5, "missing_operand"),
        ("NOT", 3, "missing_operand"),
        ("AND a", 0, "missing_left_operand"),
        ("(OR a)", 1, "missing_left_operand"),
        ("NEAR a", 0, "missing_left_operand"),
        ("a NEAR", 6, "missing_operand"),
        ("(a OR b", 0, "unclosed_parenthesis"),
        ("a OR b)", 6, "unexpected_parenthesis"),
        ("()", 0, "empty_group"),
        ('a "b c', 2, "unclosed_quote"),
        ('a " , "', 2, "empty_phrase"),
        ("NOT a", 0, "no_positive_term"),
        ("a OR NOT b", 5, "no_positive_term"),
        ("NOT a NOT b", 0, "no_positive_term"),
        ("ab*", 0, "wildcard_too_short"),
        ("*", 0, "wildcard_too_short"),
        ("a*bc", 1, "wildcard_position"),
        ("covid-1*", 0, "wildcard_compound"),
        ("x titel:abc", 2, "unknown_field"),
        ("title: abc", 0, "field_needs_operand"),
        ("title:", 0, "field_needs_operand"),
        ("title:(body:x)", 7, "nested_field"),
        ("title:body:x", 6, "nested_field"),
        ('source_type:"a b"', 12, "source_type_value"),
        ("source_type:rss*", 12, "source_type_value"),
        ("a NEAR/0 b", 2, "near_distance"),
        ("a NEAR/51 b", 2, "near_distance"),
        ("a NEAR/x b", 2, "near_distance"),
        ("a NEAR/3 (b c)", 9, "near_operand"),
        ("a NEAR/3 NOT b", 9, "near_operand"),
        ("a NEAR/3 source_type:rss", 9, "near_operand"),
        ("title:a NEAR/3 lead:b", 8, "near_fields"),
        ("x" * 61, 0, "word_too_long"),
        ('"' + "a " * 21 + '"', 0, "phrase_too_long"),
        ("(" * 21 + "a" + ")" * 21, 20, "too_deep"),
        ("NOT " * 21 + "a", 80, "too_deep"),
    ],
)
def test_errors_point_at_the_problem(text: str, position: int, code: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    error = caught.value
    assert (error.position, error.code) == (position, code)
    assert error.template == MESSAGES[code]
    assert error.message == (error.template % error.params if error.params else error.template)
    assert str(error.position + 1) in str(error)


def test_limits_on_terms_and_wildcards() -> None:
    parse_query(" OR ".join(f"w{i}" for i in range(MAX_TERMS)))
    with pytest.raises(QueryError) as caught:
        parse_query(" OR ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    assert caught.value.code == "too_many_terms"
    parse_query(" ".join(f"pre{i}*" for i in range(MAX_PREFIXES)))
    with pytest.raises(QueryError) as caught:
        parse_query(" ".join(f"pre{i}*" for i in range(MAX_PREFIXES + 1)))
    assert caught.value.code == "too_many_wildcards"
    assert caught.value.params == {"limit": MAX_PREFIXES}
    with pytest.raises(QueryError) as caught:
        parse_query("a " * 1001)
    assert caught.value.code == "query_too_long"


def test_error_survives_pickling_and_plain_construction() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("a NEAR/99 b")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.position, copy.code, copy.params, copy.message) == (
        2,
        "near_distance",
        {"limit": 50},
        caught.value.message,
    )
    plain = QueryError(3, "Custom problem.")
    assert (plain.position, plain.message, plain.code) == (3, "Custom problem.", "invalid_query")


def test_curly_quotes_and_vietnamese_operators() -> None:
    assert parse_query("\u201cLâm Đồng\u201d").text == '"lâm đồng"'
    assert parse_query("a VÀ b HOẶC c KHÔNG d").text == "a AND b OR c AND NOT d"
    assert parse_query(unicodedata.normalize("NFD", "a KHÔNG b")).text == "a AND NOT b"
    assert isinstance(parse_query("a"), Query)


def test_document_fields_are_tokenised_once() -> None:
    doc = Document(title="Hòa Bình", body="x")
    assert doc.exact is doc.view(folded=False)
    assert doc.folded.text_keys == frozenset({"hoa", "binh", "x"})


@pytest.mark.parametrize(
    "text",
    [
        '"Lâm Đồng" ("sạt lở" OR "lũ quét" OR "ngập úng") NOT "dự báo thời tiết"',
        '("Đắk Nông" OR "Gia Nghĩa") AND ("khai thác" NEAR/5 "trái phép")',
        'title:("tin giả" OR "tin sai sự thật") AND "Lâm Đồng"',
        '"bô xít" AND (môi* OR "ô nhiễm") AND source_type:social',
        'outlet:"Báo Lâm Đồng" AND "đường cao tốc"',
        '"tai nạn" NEAR "Quốc lộ 20"',
        "a NOT b NEAR/3 c",
        "10:30",
    ],
)
def test_documented_examples_parse(text: str) -> None:
    q = parse_query(text)
    assert parse_query(q.text) == q


def test_documented_precedence() -> None:
    assert parse_query("a OR b c").text == "a OR b AND c"
    assert parse_query("a NOT b NEAR/3 c").root == parse_query("a AND NOT (b NEAR/3 c)").root
    assert parse_query("10:30").text == '"10 30"'
    doc = Document(body="trên Quốc lộ 20 tai nạn giao thông xảy ra")
    assert matches('"tai nạn" NEAR "Quốc lộ 20"', doc)
    assert matches('"tai nạn" NEAR/1 "Quốc lộ 20"', doc)  # "20" and "tai" are adjacent
    assert not matches('"tai nạn" NEAR/1 "Quốc lộ"', doc)


def test_percolator_single_topics_of_every_kind() -> None:
    doc = Document(title="Covid-19 ở Lâm Đồng", body="x", outlet="Báo Lâm Đồng", source_type="rss")
    for text in [
        "title:covi* AND lâm",
        "covi* lâm",
        "outlet:báo*",
        "outlet:báo lâm",
        "source_type:rss",
        "source_type:rss NOT chẳng",
        '"covid 19" NEAR/3 đồng',
    ]:
        for accent in (False, True):
            query = parse_query(text, accent_insensitive=accent)
            percolator = Percolator()
            percolator.add("only", query)
            assert query.matches(doc), text
            assert percolator.match(doc) == ["only"], text
            percolator.remove("only")
            assert len(percolator) == 0
            assert percolator.match(doc) == []
