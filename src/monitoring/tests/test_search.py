"""Full-text search against the database in use (SQLite FTS5, or PostgreSQL in its pass).

The corpus is fictional. Every expectation is an exact list of article keys, so both backends
must return the same articles in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIRequestFactory, force_authenticate

from accounts.models import User
from core.access import Role
from monitoring.api.search import SearchView
from monitoring.choices import SourceKind
from monitoring.models import Article, SearchDocument, Source
from monitoring.search import (
    MatchMode,
    SearchQuery,
    SearchResult,
    get_backend,
    index_article,
    index_articles,
    rebuild_index,
    remove_article,
    search,
)
from monitoring.tests.test_search_query import INJECTIONS
from registry.choices import AgencyLevel
from registry.models import PressAgency

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# key: (source, day in Nov 2026, title, text)
CORPUS = {
    "daknong": (
        "local",
        20,
        "Đắk Nông khởi công đường liên xã",
        "Sáng nay tỉnh Đắk Nông khởi công tuyến đường dài 12 km nối ba xã.",
    ),
    "daknong_variant": (
        "central",
        10,
        "Mưa lớn kéo dài ở Tây Nguyên",
        "Tại Đăk Nông, mưa lớn làm ngập nhiều diện tích cà phê của nông dân.",
    ),
    "daknong_plain": (
        "site",
        1,
        "Khach du lich den Dak Nong tang manh",
        "Cong vien dia chat Dak Nong don nhieu doan khach trong thang.",
    ),
    "daklak": (
        "local",
        15,
        "Nông dân Đắk Lắk thu hoạch sớm",
        "Người trồng tiêu ở Đắk Lắk cho biết giá tăng nhẹ.",
    ),
    "hoabinh_old": (
        "local",
        5,
        "Hòa Bình phát triển du lịch hồ",
        "Tỉnh Hòa Bình đón khách tham quan hồ thủy điện <b>dịp lễ</b>.",
    ),
    "hoabinh_new": (
        "central",
        6,
        "Lễ hội mùa xuân ở Hoà Bình",
        "Người dân Hoà Bình chuẩn bị lễ hội & các trò chơi dân gian.",
    ),
    "coffee_title": (
        "site",
        12,
        "Giá cà phê hôm nay tăng",
        "Thị trường nông sản sôi động trong tuần.",
    ),
    "coffee_body": (
        "site",
        13,
        "Thị trường nông sản cuối tuần",
        "Giá hồ tiêu ổn định, riêng cà phê nhích nhẹ ở vài nơi.",
    ),
    "twin_old": (
        "site",
        3,
        "Hội thi đua thuyền trên sông Sêrêpốk",
        "Đội đua thuyền xã Ea Pô giành giải nhất.",
    ),
    "twin_new": (
        "site",
        4,
        "Hội thi đua thuyền trên sông Sêrêpốk",
        "Đội đua thuyền xã Ea Pô giành giải nhất.",
    ),
}


@pytest.fixture
def corpus(db: None) -> dict[str, int]:
    """Three sources (a provincial feed, a central sitemap, an unregistered site) and the
    articles above, indexed. Returns article ids by key."""
    provincial = PressAgency.objects.create(
        name="Báo Thử Nghiệm Tỉnh", level=AgencyLevel.PROVINCIAL
    )
    central = PressAgency.objects.create(name="Báo Trung Ương Mẫu", level=AgencyLevel.CENTRAL)
    sources = {
        "local": Source.objects.create(
            name="Báo tỉnh (RSS)",
            kind=SourceKind.FEED,
            url="https://baotinh.example.vn/rss",
            press_agency=provincial,
        ),
        "central": Source.objects.create(
            name="Báo trung ương (sitemap)",
            kind=SourceKind.SITEMAP,
            url="https://trunguong.example.vn/sitemap.xml",
            press_agency=central,
        ),
        "site": Source.objects.create(
            name="Trang tin tổng hợp mẫu",
            kind=SourceKind.LISTING,
            url="https://tintonghop.example.vn/",
        ),
    }
    ids = {}
    for key, (source, day, title, text) in CORPUS.items():
        url = f"https://{source}.example.vn/{key}.html"
        article = Article.objects.create(
            source=sources[source],
            url=url,
            url_key=url,
            title=title,
            text=text,
            published_at=datetime(2026, 11, day, 9, 30, tzinfo=TZ),
        )
        ids[key] = article.pk
    assert index_articles(ids.values()) == len(CORPUS)
    return ids


def keys_of(result: SearchResult, ids: dict[str, int]) -> list[str]:
    names = {pk: key for key, pk in ids.items()}
    return [names[hit.article_id] for hit in result.hits]


def find(ids: dict[str, int], text: str, **filters: object) -> list[str]:
    result = search(SearchQuery(text, **filters))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return keys_of(result, ids)


def test_backend_follows_the_database(db: None) -> None:
    from django.db import connection

    assert get_backend().vendor == connection.vendor


def test_query_without_diacritics_finds_every_spelling(corpus: dict[str, int]) -> None:
    assert set(find(corpus, '"dak nong"')) == {"daknong", "daknong_variant", "daknong_plain"}
    # not quoted: both words anywhere ("Đắk Lắk" … "Nông dân")
    assert set(find(corpus, "DAK NONG")) == {
        "daknong",
        "daknong_variant",
        "daknong_plain",
        "daklak",
    }


def test_phrase_needs_adjacent_words(corpus: dict[str, int]) -> None:
    assert find(corpus, '"Đắk Nông"') == ["daknong"]
    assert set(find(corpus, "Đắk Nông")) == {"daknong", "daklak"}
    assert find(corpus, '"nông đắk"') == []


def test_query_with_diacritics_matches_only_that_spelling(corpus: dict[str, int]) -> None:
    assert find(corpus, '"Đăk Nông"') == ["daknong_variant"]
    assert find(corpus, "Lắk") == ["daklak"]


@pytest.mark.parametrize("text", ["Hòa Bình", "Hoà Bình", "HOÀ BÌNH", '"hòa bình"'])
def test_both_tone_mark_placements_match(corpus: dict[str, int], text: str) -> None:
    assert set(find(corpus, text)) == {"hoabinh_old", "hoabinh_new"}


def test_thuy_matches_thuỷ(corpus: dict[str, int]) -> None:
    assert find(corpus, "thuỷ điện") == ["hoabinh_old"]


def test_title_match_ranks_above_body_match(corpus: dict[str, int]) -> None:
    for text in ("cà phê", '"cà phê"', '"ca phe"'):
        result = search(SearchQuery(text))
        assert set(keys_of(result, corpus)) == {"coffee_title", "coffee_body", "daknong_variant"}
        assert keys_of(result, corpus)[0] == "coffee_title"
        assert result.hits[0].rank > result.hits[1].rank


def test_equal_scores_put_the_later_article_first(corpus: dict[str, int]) -> None:
    assert find(corpus, "đua thuyền") == ["twin_new", "twin_old"]
    assert find(corpus, "lễ hội") == ["hoabinh_new"]


def test_date_filter_is_inclusive_in_local_days(corpus: dict[str, int]) -> None:
    found = find(corpus, "dak nong", date_from=date(2026, 11, 10), date_to=date(2026, 11, 20))
    assert set(found) == {"daknong", "daknong_variant", "daklak"}
    assert find(corpus, "dak nong", date_to=date(2026, 11, 1)) == ["daknong_plain"]
    assert find(corpus, "dak nong", date_from=date(2026, 11, 21)) == []


def test_source_kind_and_level_filters(corpus: dict[str, int]) -> None:
    daknong = {"daknong", "daknong_variant", "daknong_plain", "daklak"}
    by_kind = find(corpus, "dak nong", source_kinds=(SourceKind.FEED,))
    assert set(by_kind) == {"daknong", "daklak"}
    by_level = find(corpus, "dak nong", outlet_levels=(AgencyLevel.CENTRAL,))
    assert by_level == ["daknong_variant"]
    unregistered = find(corpus, "dak nong", outlet_levels=("",))
    assert unregistered == ["daknong_plain"]
    site = Source.objects.get(kind=SourceKind.LISTING)
    assert find(corpus, "dak nong", source_ids=(site.pk,)) == ["daknong_plain"]
    both = find(corpus, "dak nong", outlet_levels=(AgencyLevel.CENTRAL, AgencyLevel.PROVINCIAL))
    assert set(both) == daknong - {"daknong_plain"}
    assert (
        find(
            corpus,
            "dak nong",
            source_kinds=(SourceKind.FEED,),
            outlet_levels=(AgencyLevel.CENTRAL,),
        )
        == []
    )


def test_snippet_and_title_are_highlighted_and_escaped(corpus: dict[str, int]) -> None:
    result = search(SearchQuery("thủy điện"))
    (hit,) = result.hits
    assert "<mark>thủy điện</mark>" in hit.snippet
    assert "&lt;b&gt;dịp lễ&lt;/b&gt;" in hit.snippet
    assert hit.outlet_name == "Báo Thử Nghiệm Tỉnh"
    assert hit.outlet_level == AgencyLevel.PROVINCIAL
    assert hit.source_kind == SourceKind.FEED
    title_hit = search(SearchQuery("dak nong", source_kinds=(SourceKind.LISTING,))).hits[0]
    assert title_hit.title_html == "Khach du lich den <mark>Dak Nong</mark> tang manh"


def test_result_reports_the_accent_mode(corpus: dict[str, int]) -> None:
    assert search(SearchQuery("dak nong")).folded
    assert not search(SearchQuery("Đắk Nông")).folded


@pytest.mark.parametrize("text", INJECTIONS)
def test_query_syntax_in_user_text_never_raises(corpus: dict[str, int], text: str) -> None:
    result = search(SearchQuery(text))
    assert result.total == len(result.hits)


def test_operators_are_plain_words(corpus: dict[str, int]) -> None:
    assert find(corpus, "dak OR zzz") == []
    assert find(corpus, "dak NOT nong") == []
    assert set(find(corpus, "(dak) nong*")) == {
        "daknong",
        "daknong_variant",
        "daknong_plain",
        "daklak",
    }


def test_any_word_mode(corpus: dict[str, int]) -> None:
    found = find(corpus, "lắk thuỷ zzz", match=MatchMode.ANY)
    assert set(found) == {"daklak", "hoabinh_old"}


def test_paging_and_total(corpus: dict[str, int]) -> None:
    first = search(SearchQuery("dak nong", limit=3))
    second = search(SearchQuery("dak nong", limit=3, offset=3))
    beyond = search(SearchQuery("dak nong", limit=3, offset=9))
    assert (first.total, second.total, beyond.total) == (4, 4, 4)
    assert len(first.hits) == 3 and len(second.hits) == 1 and beyond.hits == ()
    assert {h.article_id for h in first.hits}.isdisjoint({h.article_id for h in second.hits})
    assert search(SearchQuery("")).total == 0


def test_postgresql_filters_kind_and_level_through_their_indexes(corpus: dict[str, int]) -> None:
    from django.db import connection, transaction

    if connection.vendor != "postgresql":  # SQLite reads its covering filters index
        pytest.skip("PostgreSQL only")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: force the choice
        for column, value in (("source_kind", "feed"), ("outlet_level", "central")):
            cursor.execute(
                "EXPLAIN SELECT count(*) FROM monitoring_searchdocument AS d "
                f"WHERE d.search_folded @@ to_tsquery('simple', 'dak & nong') AND d.{column} = %s",
                [value],
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"monitoring_searchdocument_{column}_filter" in plan, plan


def test_very_common_words_rank_the_most_recent_matches_on_postgresql(
    corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    from monitoring.search import postgres

    monkeypatch.setattr(postgres, "RANK_WINDOW", 2)  # 4 articles match "dak nong"
    result = search(SearchQuery("dak nong", limit=2))
    assert result.total == 4  # the count stays exact
    if connection.vendor != "postgresql":  # FTS5 ranks every match at any size
        assert result.ranked_among is None
        return
    assert result.ranked_among == 2
    assert sorted(keys_of(result, corpus)) == ["daklak", "daknong"]  # the two newest
    # a page past the window widens it to that page: every match ranked again here
    later = search(SearchQuery("dak nong", limit=2, offset=2))
    assert later.ranked_among is None and len(later.hits) == 2


def test_remove_and_delete_take_articles_out(corpus: dict[str, int]) -> None:
    remove_article(corpus["daknong"])
    assert find(corpus, '"Đắk Nông"') == []
    Article.objects.filter(pk=corpus["daknong_plain"]).delete()
    assert set(find(corpus, '"dak nong"')) == {"daknong_variant"}
    remove_article(corpus["daknong"])  # twice: no error


def test_reindexing_replaces_the_old_text(corpus: dict[str, int]) -> None:
    article = Article.objects.get(pk=corpus["daklak"])
    article.title = "Nông dân Gia Lai thu hoạch sớm"
    article.text = "Người trồng tiêu ở Gia Lai cho biết giá tăng nhẹ."
    article.save()
    assert index_article(article)
    assert find(corpus, "lắk") == []
    assert find(corpus, "gia lai") == ["daklak"]
    assert SearchDocument.objects.filter(pk=article.pk).count() == 1
    article.title = article.text = article.feed_title = ""
    article.save()
    assert not index_article(article)
    assert find(corpus, "gia lai") == []


def test_rebuild_keeps_the_same_results(corpus: dict[str, int]) -> None:
    before = find(corpus, "dak nong")
    rebuild_index()
    get_backend().optimize()
    assert find(corpus, "dak nong") == before


def test_search_page_shows_marked_snippets_with_links(
    corpus: dict[str, int], client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    url = reverse("monitoring:search")
    response = client.get(url, {"q": '"Đắk Nông"', "kind": SourceKind.FEED})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>Đắk Nông</mark>" in page
    assert reverse("monitoring:article_detail", args=[corpus["daknong"]]) in page
    assert "&amp;quot;" not in page and "&lt;mark&gt;" not in page
    hint = page.split('placeholder="', 1)[1].split('"', 1)[0]
    assert hint.endswith(("accents", "dấu"))  # no stray quote ends the attribute
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "dak", "date_from": "not a date"}).status_code == 200


def test_search_page_falls_back_to_any_word(
    corpus: dict[str, int], client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    response = client.get(reverse("monitoring:search"), {"q": "lắk zzzz"})
    assert response.context["fallback"] is True
    assert [row.hit.article_id for row in response.context["rows"]] == [corpus["daklak"]]


def test_search_page_needs_sign_in(db: None, client: Client) -> None:
    response = client.get(reverse("monitoring:search"), {"q": "dak"})
    assert response.status_code == 302


def test_api_returns_ranked_hits(corpus: dict[str, int], make_user: Callable[..., User]) -> None:
    factory = APIRequestFactory()
    request = factory.get("/api/v1/search/", {"q": "ca phe", "kind": [SourceKind.LISTING]})
    force_authenticate(request, user=make_user(Role.OFFICER))
    response = SearchView.as_view()(request)
    assert response.status_code == 200
    data = response.data
    assert data["count"] == 2 and data["accent_insensitive"] is True
    assert [r["article_id"] for r in data["results"]] == [
        corpus["coffee_title"],
        corpus["coffee_body"],
    ]
    assert "<mark>" in data["results"][0]["title_html"]
    assert data["results"][0]["published_at"].endswith("+07:00")


def test_api_rejects_bad_parameters_and_outsiders(
    corpus: dict[str, int], make_user: Callable[..., User]
) -> None:
    factory = APIRequestFactory()
    request = factory.get("/api/v1/search/", {"q": "dak", "level": "galactic"})
    force_authenticate(request, user=make_user(Role.OFFICER))
    assert SearchView.as_view()(request).status_code == 400
    request = factory.get("/api/v1/search/", {"q": "dak"})
    force_authenticate(request, user=make_user(Role.PRESS_AGENCY))
    assert SearchView.as_view()(request).status_code == 403
