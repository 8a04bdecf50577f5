"""The demo content: volume, shape, the scenario's ingredients."""

from __future__ import annotations

import unicodedata

from demo.content import load_ecosystem, slugify

PLACE_VARIANTS = (
    "Đắk Nông",
    "Đăk Nông",
    "Dak Nong",
    "Đắk R'lấp",
    "Đắk R’lấp",
    "Đăk Rlấp",
    "Gia Nghĩa",
)


def _all_text() -> str:
    eco = load_ecosystem()
    return "\n".join(
        "\n".join([v.title, v.sapo, *v.body])
        for s in eco.stories
        for v in (s.first, s.edited)
        if v is not None
    )


def test_at_least_forty_original_articles_of_120_to_300_words() -> None:
    eco = load_ecosystem()
    originals = [s for s in eco.stories if s.outlet != "mxh" and not s.copy_of]
    assert len(originals) >= 40
    for story in originals:
        for version in (story.first, story.edited):
            if version is None:
                continue
            words = len(" ".join([version.title, version.sapo, *version.body]).split())
            assert 120 <= words <= 300, (story.key, words)
            assert 3 <= len(version.body) <= 5, story.key
        assert story.author, story.key
    assert len({s.first.title for s in originals}) == len(originals)


def test_copies_are_verbatim_some_without_source_some_twenty_minutes_later() -> None:
    eco = load_ecosystem()
    copies = [s for s in eco.stories if s.copy_of]
    assert copies
    delays = []
    for copy in copies:
        source = eco.by_key(copy.copy_of)
        assert source is not None
        assert copy.first.body == source.first.body
        assert copy.at > source.at
        delays.append(copy.at - source.at)
    assert any(not c.credit for c in copies)
    assert any(c.credit == "Theo Báo Nắng Cao Nguyên" for c in copies)
    assert delays.count(20) >= 2


def test_scenario_ingredients_are_present() -> None:
    eco = load_ecosystem()
    assert {s.special for s in eco.stories} >= {"slow", "flaky", "redirect", "cp1258", "truncated"}
    assert any(s.remove_at is not None for s in eco.stories)
    assert any(s.edited is not None and s.edited.title != s.first.title for s in eco.stories)
    text = _all_text()
    for variant in PLACE_VARIANTS:
        assert variant in text, variant
    claim = [s for s in eco.stories if s.outlet == "mxh" and "nhiễm hóa chất" in s.first.body[0]]
    assert len({s.section for s in claim}) >= 3  # the same claim, several accounts
    assert any(
        "sai sự thật" in s.first.title.lower() for s in eco.stories if s.outlet == "bacgianghia"
    )
    base = [s for s in eco.stories if s.at <= 0]
    assert 28 <= len(base) <= 45
    for outlet in eco.outlets:
        assert any(s.outlet == outlet and s.at > 0 for s in eco.stories), outlet


def test_content_is_nfc_and_slugs_are_ascii() -> None:
    text = _all_text()
    assert unicodedata.normalize("NFC", text) == text
    assert slugify("Mưa lớn ở Đắk R’lấp") == "mua-lon-o-dak-r-lap"
    for story in load_ecosystem().stories:
        assert story.path.isascii(), story.key
