"""Form signals of "báo hóa" (findings.engine.site_signals) on fictional sample pages."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import pytest

from findings.engine.site_signals import (
    SIGNALS,
    Phrase,
    check_site,
    parse_page,
    tokenize,
)

SAMPLES = Path(__file__).resolve().parent / "samples"
DAY = datetime.date(2026, 3, 1)  # NĐ 147/2024 in force
BEFORE_147 = datetime.date(2024, 6, 1)


def page(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def strip_accents(text: str) -> str:
    """The same text typed without any diacritics (case kept, đ → d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def present(html: str, kind: str = "general_site", domain: str = "example.vn") -> set[str]:
    result = check_site(html, domain=domain, kind=kind, on=DAY)
    return {s.name for s in result.signals if s.present}


def wrap(body: str, title: str = "Trang") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


# --- Phrase matching ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("tòa soạn", "Tòa soạn: 15 Lê Duẩn", True),
        ("tòa soạn", "Toà soạn: 15 Lê Duẩn", True),  # other tone placement
        ("tòa soạn", unicodedata.normalize("NFD", "TÒA SOẠN"), True),  # NFD, capitals
        ("tòa soạn", "Toa soan: 15 Le Duan", True),  # typed without diacritics
        ("tòa soạn", "tòa sơn", False),
        ("tin", "Tín dụng", False),  # accented text must carry the phrase's accents
        ("tin", "tin nóng", True),
        ("báo", "bảo hiểm", False),
        ("r'lấp", "huyện R’lấp", True),  # curly apostrophe
        ("chịu trách nhiệm", "Chiu trach nhiem noi dung", True),
    ],
)
def test_phrase_matching(phrase: str, text: str, expected: bool) -> None:
    assert bool(Phrase.of(phrase).find(tokenize(text))) is expected, (phrase, text)


# --- The sample pages -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sample", "domain", "kind", "signals", "baohoa"),
    [
        (
            "baohoa_general_site.html",
            "tintucnamnung.vn",
            "general_site",
            set(SIGNALS) - {"magazine_name_hidden"},
            True,
        ),
        ("clean_general_site.html", "nongsancaonguyen.vn", "general_site", set(), False),
        (
            "magazine_hidden.html",
            "suckhoecaonguyen.vn",
            "magazine",
            {"magazine_name_hidden", "news_style_sections", "hot_news_sections", "newsroom_terms"},
            True,
        ),
        ("magazine_proper.html", "tapchisuckhoe.vn", "magazine", {"newsroom_terms"}, False),
        ("social_network.html", "ketnoicaonguyen.vn", "social_network", set(), False),
        ("about_page.html", "doisongdaingan.vn", "general_site", {"newsroom_terms"}, False),
    ],
)
def test_sample_pages(sample: str, domain: str, kind: str, signals: set[str], baohoa: bool) -> None:
    result = check_site(page(sample), domain=domain, kind=kind, on=DAY)
    assert {s.name for s in result.signals if s.present} == signals
    assert result.baohoa is baohoa
    assert 0.0 <= result.score <= 1.0
    assert [s.name for s in result.signals] == list(SIGNALS)


def test_evidence_says_where_and_quotes_nfc() -> None:
    result = check_site(page("baohoa_general_site.html"), domain="tintucnamnung.vn",
                        kind="general_site", on=DAY)  # fmt: skip
    newsroom = result.signal("newsroom_terms").evidence
    assert newsroom[0].startswith("footer: Tòa soạn: 15 đường Lê Duẩn")
    title = result.signal("journalist_title_for_responsible_person").evidence
    assert title == ("footer: Chịu trách nhiệm nội dung: Nhà báo Trần Văn Khải",)
    for signal in result.signals:
        for quote in signal.evidence:
            assert unicodedata.is_normalized("NFC", quote)
            assert len(quote) <= 160


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda s: unicodedata.normalize("NFD", s), id="NFD"),
        pytest.param(strip_accents, id="no diacritics"),
        pytest.param(lambda s: s.replace("Tòa soạn", "Toà soạn"), id="old tone placement"),
    ],
)
def test_vietnamese_variants_give_the_same_signals(variant: object) -> None:
    original = page("baohoa_general_site.html")
    changed = variant(original)  # type: ignore[operator]
    assert present(changed, domain="tintucnamnung.vn") == present(
        original, domain="tintucnamnung.vn"
    )


def test_quoted_article_text_is_not_furniture() -> None:
    body = """
      <main><article><p>Tòa soạn báo bạn đã mở văn phòng đại diện.</p>
        <footer>Ban phóng viên thực hiện</footer></article></main>
      <div class="content"><p>Phóng viên thường trú kể lại.</p></div>
      <footer><p>Liên hệ quảng cáo</p><blockquote>“Tòa soạn là nhà”</blockquote></footer>"""
    assert "newsroom_terms" not in present(wrap(body))
    assert "newsroom_terms" in present(wrap(body + "<footer><p>Tòa soạn: 1 Lê Lợi</p></footer>"))


def test_unmarked_footer_block_with_contact_details_counts_as_contact() -> None:
    body = "<div><p>Tòa soạn: 5 Hùng Vương. Email: bandoc@example.vn</p></div>"
    result = check_site(wrap(body), domain="example.vn", kind="general_site", on=DAY)
    assert result.signal("newsroom_terms").evidence[0].startswith("contact: Tòa soạn")


def test_responsible_person_titles() -> None:
    lines = {
        "<footer>Người chịu trách nhiệm: PV. Lê Văn Tám</footer>": True,
        "<footer>Chịu trách nhiệm quản lý nội dung: Phóng viên Đỗ Hà</footer>": True,
        "<footer>Nhà báo Lý Thu - Chịu trách nhiệm nội dung</footer>": True,
        "<footer>Chịu trách nhiệm nội dung: Ông Lê Bình</footer>": False,
        "<article>Chịu trách nhiệm nội dung: Nhà báo X (trích)</article>": False,
    }
    for body, expected in lines.items():
        found = "journalist_title_for_responsible_person" in present(wrap(body))
        assert found is expected, body


@pytest.mark.parametrize(
    ("widget", "expected"),
    [
        ('<div class="fb-comments" data-href="https://x.vn/a"></div>', True),
        ('<div id="disqus_thread"></div>', True),
        ('<script src="https://x.disqus.com/embed.js"></script>', True),
        ('<form><textarea name="comment"></textarea><button>Gửi</button></form>', True),
        ("<form><label>Bình luận</label><textarea></textarea></form>", True),
        ("<form><label>Nội dung liên hệ</label><textarea></textarea></form>", False),
        ("<p>Bình luận (0)</p>", False),
    ],
)
def test_comment_widgets(widget: str, expected: bool) -> None:
    assert ("comments_enabled" in present(wrap(widget))) is expected


def test_site_type_label_needs_label_and_licence() -> None:
    label = "<footer>Trang thông tin điện tử tổng hợp Cao Nguyên</footer>"
    licence = "<footer>Giấy phép số 12/GP-TTĐT ngày 01/02/2024</footer>"
    assert "missing_site_type_label" in present(wrap(label))
    assert "missing_site_type_label" in present(wrap(licence))
    assert "missing_site_type_label" not in present(wrap(label + licence))
    assert "missing_site_type_label" not in present(wrap(strip_accents(label + licence)))
    # only for general sites and social networks
    result = check_site(wrap(label), domain="x.vn", kind="press", on=DAY)
    assert result.signal("missing_site_type_label").evidence == ("not applicable to press",)
    social = "<footer>Mạng xã hội Bạn Bè, giấy phép số 5/GP-BTTTT</footer>"
    assert "missing_site_type_label" not in present(wrap(social), kind="social_network")
    assert "missing_site_type_label" in present(wrap(label + licence), kind="social_network")


def test_magazine_name_printed_small_or_only_in_title() -> None:
    result = check_site(page("magazine_hidden.html"), domain="x.vn", kind="magazine", on=DAY)
    evidence = result.signal("magazine_name_hidden").evidence
    assert evidence == ("masthead (printed small): Tạp chí",)  # style="font-size:9px"
    title_only = wrap("<header><h1>NHÀ NÔNG</h1></header>", "Tạp chí Nhà Nông")
    hidden = check_site(title_only, domain="x.vn", kind="magazine", on=DAY)
    assert "only in title: Tạp chí Nhà Nông" in hidden.signal("magazine_name_hidden").evidence
    small = wrap("<header><h1><small>Tạp chí</small> Nhà Nông</h1></header>")
    found = check_site(small, domain="x.vn", kind="magazine", on=DAY)
    assert found.signal("magazine_name_hidden").evidence[0].startswith("masthead (printed small)")
    big = wrap('<header><img class="logo" src="l.png" alt="Tạp chí Nhà Nông"></header>')
    assert "magazine_name_hidden" not in present(big, kind="magazine")


def test_sections_from_navigation_only() -> None:
    nav = "".join(f"<a href='#'>{s}</a>" for s in ("Thời sự", "Xã hội", "Kinh tế", "Thể thao"))
    assert "news_style_sections" in present(wrap(f"<nav>{nav}</nav>"))
    assert "news_style_sections" not in present(wrap(f"<main>{nav}</main>"))
    few = "<nav><a>Kinh tế</a><a>Văn hóa</a><a>Du lịch</a><a>Thể thao</a></nav>"
    assert "news_style_sections" not in present(wrap(few))  # no core news section
    hot = "<nav><a>Tin Hot 24h</a><a>Bản tin hằng ngày</a></nav>"
    assert "hot_news_sections" in present(wrap(hot))
    assert "hot_news_sections" not in present(wrap("<nav><a>Tin tức</a></nav>"))
    life = "<nav><a>Đời sống</a></nav>"
    assert "hot_news_sections" in present(wrap(life), kind="magazine")
    assert "hot_news_sections" not in present(wrap(life), kind="general_site")


def test_press_like_domain_and_registered_names() -> None:
    html = wrap("<header><div class='logo'>Cao Nguyên Xanh</div></header>", "Cao Nguyên Xanh")
    names = ["Báo Cao Nguyên Xanh"]
    site = check_site(html, domain="caonguyenxanh.vn", kind="general_site", press_names=names,
                      on=DAY)  # fmt: skip
    assert site.signal("press_like_domain_or_name").present
    assert any("resembles" in e for e in site.signal("press_like_domain_or_name").evidence)
    plain = check_site(html, domain="caonguyenxanh.vn", kind="general_site", on=DAY)
    assert not plain.signal("press_like_domain_or_name").present
    for domain, expected in [("tinhocdaknong.vn", False), ("tin-tuc-daknong.vn", True),
                             ("daknongnews.net", True), ("baohiemdaknong.vn", False)]:  # fmt: skip
        result = check_site(wrap(""), domain=domain, kind="general_site", on=DAY)
        assert result.signal("press_like_domain_or_name").present is expected, domain
    # a magazine's own "tạp chí" is no sign
    magazine = check_site(wrap("", "Tạp chí Nhà Nông"), domain="tapchinhanong.vn",
                          kind="magazine", on=DAY)  # fmt: skip
    assert not magazine.signal("press_like_domain_or_name").present


def test_press_agencies_never_get_a_verdict() -> None:
    result = check_site(page("press_agency.html"), domain="baocaonguyenxanh.vn", kind="press",
                        on=DAY)  # fmt: skip
    assert result.signal("newsroom_terms").present  # reported as a fact…
    assert (result.baohoa, result.score, result.rule_code) == (False, 0.0, None)  # …never counted


def test_weights_and_threshold_are_dated() -> None:
    html = wrap(
        "<nav><a>Thời sự</a><a>Xã hội</a><a>Pháp luật</a><a>Đời sống</a><a>Tin nóng</a></nav>"
        "<div class='fb-comments'></div>"
        "<footer>Trang thông tin điện tử tổng hợp. Giấy phép số 3/GP-STTTT</footer>"
    )
    old = check_site(html, domain="x.vn", kind="general_site", on=BEFORE_147)
    new = check_site(html, domain="x.vn", kind="general_site", on=DAY)
    assert (old.rule_code, new.rule_code) == ("baohoa-form-qd1418", "baohoa-form-qd1418-nd147")
    assert (old.score, old.baohoa) == (0.4, False)  # sections 0.15 + hot 0.15 + comments 0.1
    assert (new.score, new.baohoa) == (0.5, True)  # comments weigh 0.2 under NĐ 147
    before_qd1418 = check_site(html, domain="x.vn", kind="general_site",
                               on=datetime.date(2021, 1, 1))  # fmt: skip
    assert (before_qd1418.rule_code, before_qd1418.baohoa) == (None, False)


def test_rule_hits_for_the_findings_store() -> None:
    result = check_site(page("baohoa_general_site.html"), domain="tintucnamnung.vn",
                        kind="general_site", on=DAY)  # fmt: skip
    hits = {h.rule_code: h for h in result.hits("site:7")}
    verdict = hits["baohoa-form-qd1418-nd147"]
    assert not verdict.passed and verdict.subject == "site:7"
    assert "form signs" in verdict.explanation and verdict.params["score"] == 1.0
    assert hits["site-comments-nd147"].needs_verification  # confidence K
    assert not hits["site-press-titles-nd147"].passed
    assert hits["site-label-licence"].sanction_refs == ("nd119-20-1-dd",)
    assert hits["site-label-licence"].needs_verification  # the sanction row is UNCERTAIN


def test_json_shape() -> None:
    result = check_site(page("clean_general_site.html"), domain="NongSan.vn",
                        kind="general_site", on=DAY)  # fmt: skip
    data = result.to_json()
    assert list(data) == ["domain", "kind", "signals", "baohoa", "score"]
    assert data["domain"] == "nongsan.vn"
    assert set(data["signals"]) == set(SIGNALS)
    assert all(set(v) == {"present", "evidence"} for v in data["signals"].values())


@pytest.mark.parametrize(
    ("html", "kind", "message"),
    [
        ("<p>x</p>", "blog", "unknown kind"),
        ("just text, no markup", "general_site", "not an HTML page"),
        ("", "general_site", "not an HTML page"),
        ("\x00\x01<html>", "general_site", "not an HTML page"),
    ],
)
def test_bad_input(html: str, kind: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_site(html, domain="x.vn", kind=kind)


def test_about_page_body_is_the_sites_own_text() -> None:
    about = parse_page(page("about_page.html"))
    assert about.about_page
    assert {b.region for b in about.blocks if "Ban phóng viên" in b.text.text} == {"about"}
    home = parse_page(page("clean_general_site.html"))
    assert not home.about_page
