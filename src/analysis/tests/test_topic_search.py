"""Archive search of a topic finds exactly what percolation matches (one document builder)."""

from __future__ import annotations

import random

import pytest

from analysis import topic_search
from analysis.documents import document_for
from analysis.engine.query import Percolator, QueryError, parse_query
from analysis.tests.factories import make_article, make_source
from monitoring.choices import SourceKind
from monitoring.models import Article
from monitoring.search import index_article
from monitoring.search import query as search_query

pytestmark = pytest.mark.django_db

#: Fictional items; spellings vary on purpose (no diacritics, other tone placement, NFD).
ITEMS = [
    ("Sạt lở ở Đắk Glong", "Mưa lớn gây sạt lở đất, giao thông chia cắt."),
    ("Sat lo o Dak Glong", "Mua lon gay sat lo dat tai xa Quang Son."),
    ("Khánh thành trường học", "Trường mới ở phường Bắc Gia Nghĩa đón học sinh."),
    ("Hoà giải ở cơ sở", "Tổ hoà giải phường Nghĩa Đức hoạt động hiệu quả."),
    ("Hòa giải thành công", "Hội nghị hòa giải tranh chấp đất đai ở Cư Jút."),
    ("Cà phê được mùa", "Nông dân Đắk Mil thu hoạch cà phê, giá tăng."),
    ("Cháy rừng ở Tuy Đức", "Lực lượng kiểm lâm dập tắt đám cháy rừng thông."),
    ("Tin giả về dịch bệnh", "Mạng xã hội lan truyền tin giả về sốt xuất huyết."),
    ("Giao thông nông thôn", "Đường giao thông liên xã được nâng cấp, covid-19 không còn."),
    ("Thuỷ lợi Krông Nô", "Công trình thủy lợi mới tưới cho cà phê và hồ tiêu."),
    ("Lừa đảo qua mạng", "Công an cảnh báo lừa đảo đầu tư tiền ảo năm 2025."),
    ("Diễn tập phòng cháy", "Diễn tập chữa cháy tại chợ Gia Nghĩa."),
]
WORDS = [
    "sạt lở",
    "sat lo",
    "giao thông",
    "cà phê",
    "cháy",
    "cháy rừng",
    "hòa giải",
    "hoà giải",
    "học sinh",
    "tin giả",
    "lừa đảo",
    "2025",
    "covid",
    "thủy lợi",
    "đắk",
    "dak",
    "giá",
    "nông dân",
    "xã",
    "phường",
]


@pytest.fixture
def archive() -> list[Article]:
    sources = [make_source("Báo Lâm Đồng"), make_source("Trang cộng đồng", SourceKind.PUSH)]
    articles = []
    for i, (title, text) in enumerate(ITEMS):
        article = make_article(title, text, source=sources[i % 2])
        assert index_article(article)
        articles.append(article)
    return articles


def _term(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    text = f'"{word}"' if " " in word else word
    if rng.random() < 0.15:
        text = f"title:{text}"
    return text


def _query(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth >= 2 or roll < 0.35:
        return _term(rng)
    if roll < 0.6:
        return f"({_query(rng, depth + 1)} OR {_query(rng, depth + 1)})"
    if roll < 0.85:
        return f"{_query(rng, depth + 1)} AND {_query(rng, depth + 1)}"
    return f"{_query(rng, depth + 1)} NOT {_term(rng)}"


def _percolated(articles: list[Article], text: str, accent_insensitive: bool) -> list[int]:
    percolator = Percolator()
    percolator.add("t", parse_query(text, accent_insensitive=accent_insensitive))
    loaded = Article.objects.select_related("source__press_agency").filter(
        pk__in=[a.pk for a in articles]
    )
    return sorted((a.pk for a in loaded if percolator.match(document_for(a))), reverse=True)


def test_generated_queries_find_the_same_articles_both_ways(archive: list[Article]) -> None:
    rng = random.Random(20261126)
    checked = matched = 0
    for _ in range(120):
        text = _query(rng)
        accent_insensitive = rng.random() < 0.4
        try:
            expected = _percolated(archive, text, accent_insensitive)
        except QueryError:
            continue
        found = topic_search.search_topic(text, accent_insensitive=accent_insensitive)
        assert found == expected, (text, accent_insensitive)
        checked += 1
        matched += bool(expected)
    assert checked >= 100 and matched >= 40  # the generator exercises real matches


def test_queries_without_a_prefilter_scan_the_archive(archive: list[Article]) -> None:
    text = "source_type:push AND NOT cháy"
    query = parse_query(text)
    assert topic_search.candidate_ids(query) is None
    expected = _percolated(archive, text, False)
    assert expected and topic_search.search_topic(text, accent_insensitive=False) == expected


def test_the_limit_keeps_the_newest_matches(archive: list[Article]) -> None:
    everything = topic_search.search_topic("cà OR cháy", accent_insensitive=False)
    assert len(everything) >= 3
    assert (
        topic_search.search_topic("cà OR cháy", accent_insensitive=False, limit=2)
        == (everything[:2])
    )


@pytest.mark.parametrize(
    "word", ["hoà", "Hòa", "học", "thuỷ", "Đắk", "2025", "covid19", "Krông", "mp3"]
)
def test_search_words_have_the_index_key_of_the_query(word: str) -> None:
    for folded in (False, True):
        key = (search_query.folded_key if folded else search_query.exact_key)(word)
        text = topic_search.search_word(key, folded=folded)
        assert text is not None
        function = search_query.folded_key if folded else search_query.exact_key
        assert function(text) == key


def test_a_bad_query_reports_its_position() -> None:
    problem = topic_search.check_query('"sạt lở', accent_insensitive=False)
    assert problem is not None and problem.position == 0 and problem.code == "unclosed_quote"
    assert topic_search.check_query("sạt lở", accent_insensitive=False) is None
