"""The shipped gazetteer: the former Đắk Nông, the merged Lâm Đồng, the mapping between them."""

from __future__ import annotations

import datetime

from analysis.engine.gazetteer import Gazetteer, Place, spelling_variants
from analysis.engine.tagging import tag
from analysis.engine.tokens import tokenize

MERGER = datetime.date(2025, 7, 1)
DISTRICTS = {
    "gia-nghia", "cu-jut", "dak-glong", "dak-mil", "dak-rlap", "dak-song", "krong-no", "tuy-duc"
}  # fmt: skip


def _places() -> dict[str, Place]:
    return {p.code: p for p in Gazetteer.default().places()}


def test_default_is_built_once() -> None:
    assert Gazetteer.default() is Gazetteer.default()


def test_eight_former_districts_and_71_communes_before_the_merger() -> None:
    places = _places()
    districts = {p.code for p in places.values() if p.parent == "dak-nong"}
    assert districts == DISTRICTS
    assert all(places[d].confidence == "S" for d in DISTRICTS)
    communes = [p for p in places.values() if p.parent in DISTRICTS]
    assert len(communes) == 71
    assert sum(p.kind == "ward" for p in communes) == 6
    assert sum(p.kind == "township" for p in communes) == 5
    assert all(p.valid_to == datetime.date(2025, 6, 30) for p in communes)


def test_every_former_commune_maps_to_a_unit_of_the_merged_province() -> None:
    places = _places()
    for place in places.values():
        if place.parent in DISTRICTS:
            assert place.successor_codes, place.code
            for code in place.successor_codes:
                successor = places[code]
                assert successor.parent == "lam-dong"
                assert successor.valid_from == MERGER
                assert successor.kind in {"ward", "commune"}
    assert places["dak-nong"].successor_codes == ("lam-dong",)
    assert places["lam-dong/bac-gia-nghia"].confidence == "S"


def test_confidence_is_s_or_k() -> None:
    assert {p.confidence for p in _places().values()} == {"S", "K"}


def test_spelling_variants_cover_dak_and_apostrophes() -> None:
    variants = spelling_variants("Đắk R'lấp")
    assert {"Đăk R'lấp", "Đak R'lấp", "Đắc R'lấp", "Dak R'lấp", "Đắk R lấp"} <= set(variants)


def test_lookup_needs_agreeing_diacritics() -> None:
    gazetteer = Gazetteer.default()
    length, fitting, _rejected = gazetteer.lookup(tokenize("Đắk Glong"), 0)
    assert length == 2
    assert fitting[0].entry.code == "dak-glong"
    length, fitting, rejected = gazetteer.lookup(tokenize("Nam Đông"), 0)
    assert (length, fitting) == (0, [])
    assert rejected[0].entry.name == "Nam Dong"


def test_with_units_is_a_copy() -> None:
    base = Gazetteer.default()
    units = [("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng", ["Sở VHTTDL"])]
    extended = base.with_units(units)
    text = "Sở VHTTDL tổ chức hội nghị"
    assert tag(extended, title=text).units == ("so-vhttdl",)
    assert tag(base, title=text).units == ()
    assert extended.places() == base.places()


def test_region_decides_what_counts_before_the_merger() -> None:
    gazetteer = Gazetteer.default()
    da_lat = _places()["lam-dong-cu/da-lat"]
    assert not gazetteer.counts_for_province(da_lat, datetime.date(2024, 1, 1))
    assert gazetteer.counts_for_province(da_lat, MERGER)
    assert gazetteer.counts_for_province(_places()["dak-mil"], datetime.date(2024, 1, 1))
