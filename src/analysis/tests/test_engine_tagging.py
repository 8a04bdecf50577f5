"""Tagging places, units and officials; the "about the province" decision and its explanation."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

import pytest

from analysis.engine.gazetteer import Gazetteer
from analysis.engine.tagging import TEMPLATES, render, tag

BEFORE = datetime.date(2024, 5, 1)
AFTER = datetime.date(2025, 9, 1)
KTLAB = Path("/work/shared/data/ktlab-vietnamese-mds-200/articles.jsonl")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    "text",
    [
        "Đắk R'lấp",
        "Đắk R’lấp",
        "Đăk R'Lấp",
        "Đắk Rlấp",
        "Đắk R Lấp",
        "Dak R'lap",
        "DAK RLAP",
        unicodedata.normalize("NFD", "Đắk R’lấp"),
    ],
)
def test_spelling_variants_of_a_district(gazetteer: Gazetteer, text: str) -> None:
    result = tag(gazetteer, title=f"Mưa lớn ở {text}", on=BEFORE)
    assert result.localities == ("dak-rlap",)
    assert result.about_province


def test_province_variants_and_tone_mark_placement(gazetteer: Gazetteer) -> None:
    for name in ("Đắk Nông", "Đăk Nông", "Dak Nong", "Daknong", "Đắc Nông"):
        assert tag(gazetteer, title=f"Tin {name} hôm nay", on=BEFORE).localities == ("dak-nong",)
    old_style = "xã Quảng Hoà, huyện Đắk Glong"
    assert "dak-glong/quang-hoa" in tag(gazetteer, title=old_style, on=BEFORE).localities


def test_misspelt_nam_nung_is_read_as_nam_nung(gazetteer: Gazetteer) -> None:
    result = tag(gazetteer, title="Xã Năm Nung, huyện Krông Nô", on=BEFORE)
    assert result.localities[0] == "krong-no/nam-nung" or "krong-no/nam-nung" in result.localities


def test_mentions_point_into_their_field(gazetteer: Gazetteer) -> None:
    body = "Người dân xã Đắk Wer, huyện Đắk R'lấp phản ánh."
    result = tag(gazetteer, title="Tin địa phương", body=body, on=BEFORE)
    assert [m.code for m in result.mentions] == ["dak-rlap/dak-wer", "dak-rlap"]
    for mention in result.mentions:
        assert mention.field == "body"
        assert body[mention.start : mention.end] == mention.surface


def test_diacritics_must_agree_nam_dong_is_not_nam_dong(gazetteer: Gazetteer) -> None:
    result = tag(gazetteer, title="Huyện Nam Đông mưa lớn", body="Đắk Nông cũng có mưa.")
    assert "cu-jut/nam-dong" not in result.localities
    assert ("rejected_diacritics", {"surface": "Nam Đông", "name": "Nam Dong"}) in (
        result.explanation_items
    )


def test_commune_name_used_elsewhere_needs_provincial_context(gazetteer: Gazetteer) -> None:
    alone = tag(gazetteer, title="Sạt lở ở xã Quảng Phú", on=BEFORE)
    assert alone.localities == ()
    assert alone.explanation_items[0][0] == "rejected_context"
    here = tag(gazetteer, title="Sạt lở ở xã Quảng Phú, huyện Krông Nô", on=BEFORE)
    assert here.localities[:2] == ("krong-no/quang-phu", "krong-no")
    assert any(t == "accepted_context" for t, _p in here.explanation_items)


def test_a_following_other_province_rejects_the_name(gazetteer: Gazetteer) -> None:
    result = tag(
        gazetteer,
        title="Đắk Nông và các tỉnh bạn",
        body="Lũ cuốn trôi nhà ở xã Quảng Phú, tỉnh Quảng Ngãi.",
        on=BEFORE,
    )
    assert "krong-no/quang-phu" not in result.localities
    assert ("rejected_other_province", {"surface": "Quảng Phú", "province": "Quảng Ngãi"}) in (
        result.explanation_items
    )


def test_common_word_names_need_a_prefix(gazetteer: Gazetteer) -> None:
    body = "Ông Đức Minh nói về đạo nghĩa và Đạo Nghĩa. Ở xã Đạo Nghĩa, người dân vui."
    result = tag(gazetteer, title="Đắk R'lấp", body=body, on=BEFORE)
    codes = [m.code for m in result.mentions]
    assert codes.count("dak-rlap/dao-nghia") == 1
    assert "dak-mil/duc-minh" not in codes


def test_date_chooses_between_district_and_new_commune(gazetteer: Gazetteer) -> None:
    assert tag(gazetteer, title="Đắk Mil được mùa", on=BEFORE).localities == ("dak-mil",)
    after = tag(gazetteer, title="Xã Đắk Mil được mùa, tỉnh Lâm Đồng", on=AFTER)
    assert after.localities[0] == "lam-dong/dak-mil"
    assert "lam-dong" in after.localities


def test_wider_lam_dong_counts_only_after_the_merger(gazetteer: Gazetteer) -> None:
    title = "Đà Lạt đón khách du lịch"
    assert not tag(gazetteer, title=title, on=BEFORE).about_province
    assert tag(gazetteer, title=title, on=AFTER).about_province
    assert tag(gazetteer, title=title, on=BEFORE).explanation_items[0][0] == "rejected_date"


def test_about_the_province_from_where_and_how_often(gazetteer: Gazetteer) -> None:
    once_in_body = tag(
        gazetteer, title="Giá cà phê tăng", body="Nông dân Tây Nguyên, trong đó có Đắk Nông, vui."
    )
    assert not once_in_body.about_province
    assert once_in_body.score == 1.0
    twice = tag(gazetteer, title="Giá cà phê tăng", body="Ở Đắk Mil và Đắk Song giá cao.")
    assert twice.about_province
    outweighed = tag(
        gazetteer,
        title="Đắk Lắk: mưa lớn ở Đắk Lắk",
        lead="Mưa ở Đắk Lắk và Gia Lai",
        body="Đắk Lắk, Gia Lai, Kon Tum, Đắk Nông. Đắk Nông cũng mưa.",
    )
    assert not outweighed.about_province
    assert outweighed.explanation_items[-1][0] == "decision_outweighed"


def test_units_count_when_specific_or_with_context(gazetteer: Gazetteer) -> None:
    with_units = gazetteer.with_units(
        [("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng", ["Sở VHTTDL"])]
    )
    generic = tag(with_units, title="Sở VHTTDL họp báo")
    assert generic.units == ("so-vhttdl",)
    assert generic.score == 0
    specific = tag(with_units, title="Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng họp báo")
    assert specific.about_province


def test_explanation_sentences_come_from_the_templates(gazetteer: Gazetteer) -> None:
    result = tag(gazetteer, title="Xã Quảng Phú, huyện Krông Nô", body="Nam Đông", on=BEFORE)
    assert result.explanation == tuple(render(t, p) for t, p in result.explanation_items)
    assert all(t in TEMPLATES for t, _p in result.explanation_items)
    assert result.explanation[-1].startswith("About the province")


def test_nothing_found(gazetteer: Gazetteer) -> None:
    result = tag(gazetteer, title="Hòa bình và hữu nghị", body="Không có địa danh nào.")
    assert (result.mentions, result.about_province) == ((), False)
    assert [t for t, _p in result.explanation_items] == ["nothing", "decision_below"]


def test_real_article_about_dak_nong() -> None:
    if not KTLAB.exists():
        pytest.skip(f"{KTLAB} not available")
    with KTLAB.open(encoding="utf-8") as lines:
        rows = {r["doc_id"]: r for r in map(json.loads, lines)}
    row = rows["12310917"]
    result = tag(Gazetteer.default(), title=row["title"], lead=row["summary"], body=row["body"])
    assert result.about_province
    assert result.localities[0] == "dak-nong"
    foreign = rows["12240106"]
    other = tag(Gazetteer.default(), title=foreign["title"], body=foreign["body"])
    assert not other.about_province
