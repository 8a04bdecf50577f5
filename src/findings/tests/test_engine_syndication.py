"""Copy edges inside a cluster and the outlet graph."""

from __future__ import annotations

import datetime

from findings.engine.dedup import Item, Match, dedup_report
from findings.engine.syndication import copy_edges, credits, outlet_graph, outlet_keys
from findings.tests.test_engine_dedup import BOILERPLATE_FOOT, STORY_A

AT = datetime.datetime(2026, 3, 12, 8, 0, tzinfo=datetime.UTC)


def _item(
    key: str, outlet: str, minutes: float, text: str = STORY_A, attribution: str = ""
) -> Item:
    moment = AT + datetime.timedelta(minutes=minutes)
    return Item(key, text, outlet=outlet, published_at=moment, attribution=attribution)


def test_outlet_keys_and_credits_ignore_accents_and_domains() -> None:
    assert outlet_keys("baolamdong.vn") == ["baolamdong", "baolamdongvn"]
    plain = Item("c", STORY_A, attribution="Theo BAO LAM DONG")
    assert credits(plain, "baolamdong.vn")
    assert credits(Item("c", STORY_A, attribution="Nguồn: Báo Lâm Đồng"), "Báo Lâm Đồng")
    assert credits(Item("c", STORY_A + "\n(Theo Báo Lâm Đồng)"), "baolamdong.vn")
    assert not credits(Item("c", STORY_A), "baolamdong.vn")
    assert not credits(Item("c", STORY_A, attribution="Theo TTXVN"), "baolamdong.vn")


def test_copy_edges_follow_publication_order_and_best_source() -> None:
    items = [
        _item("press", "baolamdong.vn", 0),
        _item("site1", "tinnhanh.example", 30, attribution="Theo Báo Lâm Đồng"),
        _item("site2", "copier.example", 90, text=STORY_A + "\n" + BOILERPLATE_FOOT),
    ]
    report = dedup_report(items)
    edges = copy_edges(items, report.pairs)
    assert [(e.source_id, e.copy_id) for e in edges] == [("press", "site1"), ("press", "site2")]
    first, second = edges
    assert first.lag_minutes == 30.0
    assert first.attributed and first.verbatim and first.similarity == 1.0
    assert not second.attributed
    assert second.lag_minutes == 90.0
    # A later copy that resembles an earlier copy more than the original is linked to it.
    pairs: dict[tuple[str, str], Match | float] = {
        ("press", "site2"): 0.6,
        ("site1", "site2"): Match("site1", 0.9, 0.9, 0.9),
    }
    chained = copy_edges(items, pairs)
    assert chained[1].source_id == "site1" and chained[1].similarity == 0.9
    assert not chained[1].verbatim


def test_outlet_graph_counts_lags_and_credit_share() -> None:
    edges = []
    for n, (lag, credit) in enumerate([(10, "Theo Báo Lâm Đồng"), (30, ""), (50, "")]):
        items = [
            _item(f"p{n}", "baolamdong.vn", 0),
            _item(f"c{n}", "copier.example", lag, attribution=credit),
            _item(f"s{n}", "baolamdong.vn", lag + 5),
        ]
        edges += copy_edges(items, {(f"p{n}", f"c{n}"): 1.0, (f"p{n}", f"s{n}"): 1.0})
    (link,) = outlet_graph(edges)  # the outlet re-running its own story is left out
    assert (link.source_outlet, link.copy_outlet, link.count) == (
        "baolamdong.vn",
        "copier.example",
        3,
    )
    assert link.median_lag == 30.0
    assert abs(link.attributed_share - 1 / 3) < 1e-9
    undated = copy_edges([Item("a", STORY_A, outlet="x"), Item("b", STORY_A, outlet="y")], {})
    assert undated[0].lag_minutes is None and undated[0].similarity == 0.0
    assert outlet_graph(undated)[0].median_lag is None
