"""Near-duplicate detection: shingles, MinHash, LSH, verification and clusters."""

from __future__ import annotations

import datetime
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from findings.engine import minhash
from findings.engine.dedup import Item, NearDuplicateIndex, dedup_items, dedup_report
from findings.engine.lsh import BandIndex, candidate_probability, optimal_bands
from findings.engine.shingles import overlap, shingle_set

# Fiction written for these tests.
STORY_A = (
    "Sáng ngày 12 tháng 3, Ủy ban nhân dân phường Bắc Gia Nghĩa tổ chức hội nghị triển khai "
    "kế hoạch chỉnh trang đô thị năm nay với sự tham gia của đại diện các tổ dân phố. "
    "Theo kế hoạch, phường sẽ lát lại vỉa hè trên ba tuyến đường chính, trồng thêm hai trăm cây "
    "xanh và lắp đặt hệ thống đèn chiếu sáng tiết kiệm năng lượng tại các ngõ hẻm. "
    "Chủ tịch phường cho biết kinh phí thực hiện được huy động từ ngân sách và sự đóng góp tự "
    "nguyện của người dân, dự kiến hoàn thành trước mùa mưa. "
    "Người dân hoà đồng ủng hộ chủ trương và đề nghị chính quyền công khai tiến độ hằng tháng "
    "để cùng giám sát chất lượng công trình."
)
STORY_B = (
    "Chiều ngày 12 tháng 3, Ủy ban nhân dân phường Nam Gia Nghĩa họp bàn phương án phòng chống "
    "cháy rừng trong mùa khô với lực lượng kiểm lâm và công an phường. "
    "Theo báo cáo, từ đầu năm địa phương đã xảy ra bốn vụ cháy thực bì nhỏ, không gây thiệt hại "
    "lớn nhưng tiềm ẩn nguy cơ lan rộng khi nắng nóng kéo dài. "
    "Phường yêu cầu các tổ dân phố ven rừng cử người trực hai mươi bốn giờ, chuẩn bị dụng cụ "
    "chữa cháy và tuyên truyền người dân không đốt rác gần bìa rừng. "
    "Đại diện kiểm lâm đề nghị lắp thêm biển cảnh báo và camera giám sát tại các điểm nóng."
)
# The same event as STORY_A, written separately (shares names and numbers, not sentences).
STORY_A_REWRITE = (
    "Phường Bắc Gia Nghĩa vừa triển khai kế hoạch chỉnh trang đô thị trong năm, theo đó ba tuyến "
    "đường chính được lát mới vỉa hè và hai trăm cây xanh sẽ được trồng bổ sung. "
    "Lãnh đạo phường nhấn mạnh nguồn vốn gồm ngân sách nhà nước cùng đóng góp của nhân dân, "
    "phấn đấu xong trước khi mùa mưa đến. Tại buổi làm việc ngày 12/3, nhiều tổ trưởng tổ dân phố "
    "kiến nghị công bố tiến độ định kỳ để bà con theo dõi, giám sát."
)
BOILERPLATE_HEAD = "Trang chủ | Tin tức | Sự kiện | Liên hệ | Đăng nhập"
BOILERPLATE_FOOT = (
    "Bản quyền thuộc về trang tin điện tử tổng hợp Ví Dụ. Giấy phép số 01/GP. "
    "Ghi rõ nguồn khi phát hành lại thông tin từ trang này. Tin liên quan: Giá cà phê hôm nay "
    "tăng nhẹ; Lịch cắt điện tuần tới; Kết quả xổ số kiến thiết."
)


def _strip(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _pairs(items: list[Item]) -> set[tuple[str, str]]:
    return set(dedup_report(items).pairs)


def test_shingles_ignore_accents_tone_placement_nfd_and_layout() -> None:
    base = shingle_set(STORY_A)
    assert np.array_equal(base, shingle_set(_strip(STORY_A)))
    assert np.array_equal(base, shingle_set(unicodedata.normalize("NFD", STORY_A)))
    assert np.array_equal(base, shingle_set(STORY_A.replace("hoà", "hòa")))
    assert np.array_equal(base, shingle_set(STORY_A.replace(". ", ".\n\n")))
    assert not np.array_equal(base, shingle_set(STORY_B))


def test_overlap_is_exact() -> None:
    a = np.array([1, 2, 3, 4], dtype=np.uint64)
    b = np.array([3, 4, 5, 6, 7, 8, 9, 10], dtype=np.uint64)
    assert overlap(a, b) == (2 / 10, 2 / 4)
    assert overlap(a, np.empty(0, dtype=np.uint64)) == (0.0, 0.0)


def test_minhash_estimates_jaccard_and_round_trips() -> None:
    rng = np.random.default_rng(1)
    universe = rng.integers(0, 2**63, size=3000, dtype=np.uint64)
    a = np.unique(universe[:2000])
    b = np.unique(universe[1000:3000])  # true Jaccard 1000/3000
    estimate = minhash.estimate_jaccard(minhash.signature(a, 256), minhash.signature(b, 256))
    assert abs(estimate - 1 / 3) < 0.1
    sig = minhash.signature(a)
    assert np.array_equal(minhash.from_bytes(minhash.to_bytes(sig)), sig)
    with pytest.raises(ValueError, match="bytes"):
        minhash.from_bytes(b"abc")


def test_optimal_bands_follow_the_threshold() -> None:
    bands, rows = optimal_bands(0.25, 128)
    assert bands * rows <= 128
    assert candidate_probability(0.5, bands, rows) > 0.95
    assert candidate_probability(0.05, bands, rows) < 0.05


def test_band_index_insert_query_remove_across_runs() -> None:
    rng = np.random.default_rng(2)
    sigs = rng.integers(0, 2**32, size=(50, 128), dtype=np.uint64).astype(np.uint32)
    index = BandIndex(128, 16, 8, flush_at=7)  # several runs and a tail
    for n, sig in enumerate(sigs):
        index.insert(f"d{n}", sig)
    bulk = BandIndex(128, 16, 8)
    bulk.insert_many([f"d{n}" for n in range(50)], sigs)
    for n in (0, 13, 49):
        assert index.query(sigs[n]) == [f"d{n}"]
        assert bulk.query(sigs[n]) == [f"d{n}"]
    near = sigs[13].copy()
    near[:8] = 0  # one band differs, fifteen agree
    assert index.query(near) == ["d13"]
    index.remove("d13")
    assert index.query(sigs[13]) == []
    assert len(index) == 49 and "d13" not in index
    index.compact()
    assert index.query(sigs[14]) == ["d14"]
    with pytest.raises(ValueError, match="already"):
        index.insert("d14", sigs[14])


def test_copies_are_found_with_their_similarity() -> None:
    trimmed = STORY_A[: len(STORY_A) // 2]
    items = [
        Item("orig", STORY_A),
        Item("other", STORY_B),
        Item("exact", STORY_A),
        Item("trimmed", trimmed),
        Item("paragraphs", STORY_A.replace(". ", ".\n\n")),
        Item("credited", "Theo Báo Lâm Đồng\n" + STORY_A + "\nNguồn: Báo Lâm Đồng"),
        Item("wrapped", f"{BOILERPLATE_HEAD}\n{STORY_A}\n{BOILERPLATE_FOOT}"),
        Item("plain", _strip(STORY_A)),
        Item("nfd", unicodedata.normalize("NFD", STORY_A.replace("hoà", "hòa"))),
    ]
    pairs = dedup_report(items).pairs
    for copy in ("exact", "trimmed", "paragraphs", "credited", "wrapped", "plain", "nfd"):
        assert ("orig", copy) in pairs, copy
    assert pairs[("orig", "exact")].similarity == 1.0
    assert pairs[("orig", "trimmed")].containment >= 0.95  # the cut may split one syllable
    assert pairs[("orig", "trimmed")].jaccard < 0.6
    assert pairs[("orig", "wrapped")].containment == 1.0
    assert not any("other" in pair for pair in pairs)


def test_same_event_written_separately_is_not_a_copy() -> None:
    assert _pairs([Item("a", STORY_A), Item("b", STORY_A_REWRITE), Item("c", STORY_B)]) == set()


def test_short_texts_match_only_exact_copies() -> None:
    short = "Mưa lớn gây ngập cục bộ tại trung tâm phường."
    index = NearDuplicateIndex()
    assert index.add(Item("s1", short)) == []
    assert [m.id for m in index.add(Item("s2", _strip(short)))] == ["s1"]
    assert index.add(Item("s3", short + " Người dân cần chú ý.")) == []
    index.remove("s1")
    assert [m.id for m in index.query(Item("s4", short))] == ["s2"]


def test_clusters_original_and_ties() -> None:
    at = datetime.datetime(2026, 3, 12, 8, 0, tzinfo=datetime.UTC)
    items = [
        Item("copy-late", STORY_A, published_at=at + datetime.timedelta(hours=2)),
        Item("a-site", STORY_A, published_at=at + datetime.timedelta(seconds=20)),
        Item(
            "press", STORY_A, published_at=at + datetime.timedelta(seconds=40), licensed_press=True
        ),
        Item("alone", STORY_B, published_at=at),
        Item("undated", STORY_A),
    ]
    results = {r.id: r for r in dedup_items(items)}
    assert results["press"].duplicate_of is None  # same minute as "site": the press agency wins
    assert results["press"].cluster == "c-press"
    assert results["press"].similarity == 1.0
    for member in ("copy-late", "a-site", "undated"):
        assert results[member].duplicate_of == "press"
        assert results[member].cluster == "c-press"
    assert results["alone"] == results["alone"].__class__("alone", "c-alone", None, 0.0)
    # Without the licence flag the tie goes to the lowest id.
    unflagged = [Item(i.id, i.text, published_at=i.published_at) for i in items]
    assert {r.id: r.duplicate_of for r in dedup_items(unflagged)}["press"] == "a-site"


def test_naive_times_are_vietnam_time() -> None:
    naive = Item("naive", STORY_A, published_at=datetime.datetime(2026, 3, 12, 14, 0))
    aware = Item(
        "aware", STORY_A, published_at=datetime.datetime(2026, 3, 12, 7, 30, tzinfo=datetime.UTC)
    )
    # 14:00 at UTC+7 is 07:00 UTC, half an hour before the aware item.
    assert {r.id: r.duplicate_of for r in dedup_items([aware, naive])}["aware"] == "naive"


def test_signature_only_index_estimates() -> None:
    full = NearDuplicateIndex()
    stored = NearDuplicateIndex(keep_shingles=False)
    texts = {"orig": STORY_A, "other": STORY_B}
    for key, text in texts.items():
        item = Item(key, text)
        stored.add_signature(key, full.signature(item), full.fingerprint(text).shingle_count)
    copy = Item("copy", STORY_A + "\n" + BOILERPLATE_FOOT)
    assert [m.id for m in stored.query(copy)] == ["orig"]
    loaded = NearDuplicateIndex(text_loader=texts.get)
    for key, text in texts.items():
        loaded.add_signature(key, full.signature(Item(key, text)), 1000)
    (match,) = loaded.query(copy)
    assert match.id == "orig" and match.containment == 1.0


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        dedup_items([Item("a", STORY_A), Item("a", STORY_B)])


def test_deterministic_and_order_independent() -> None:
    items = [
        Item("a", STORY_A),
        Item("b", STORY_B),
        Item("c", STORY_A[:300]),
        Item("d", BOILERPLATE_HEAD + STORY_B),
        Item("e", STORY_A_REWRITE),
    ]
    first = dedup_items(items)
    assert first == dedup_items(items)
    by_id = {r.id: r for r in first}
    reversed_results = {r.id: r for r in dedup_items(list(reversed(items)))}
    assert by_id == reversed_results


_syllable = st.sampled_from(
    [
        "ba",
        "bốn",
        "năm",
        "sáu",
        "bảy",
        "tám",
        "chín",
        "mười",
        "phường",
        "xã",
        "tỉnh",
        "đường",
        "nước",
        "điện",
        "rừng",
        "cây",
        "trường",
        "học",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_syllable, min_size=1, max_size=200), st.permutations(range(3)))
def test_a_verbatim_copy_is_always_a_duplicate(words: list[str], order: list[int]) -> None:
    text = " ".join(words)
    items = [Item("x", text), Item("y", text), Item("z", STORY_B)]
    results = {r.id: r for r in dedup_items([items[i] for i in order])}
    assert results["y"].duplicate_of == "x"
    assert results["y"].similarity == 1.0
    assert results["x"].cluster == results["y"].cluster == "c-x"
