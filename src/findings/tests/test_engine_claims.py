"""Items repeating claims verified as false (findings.engine.claims), paraphrases included."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from findings.engine.claims import Claim, claim_hits, match_claims

GUAVA = Claim(
    "C1",
    "Uống nước lá ổi luộc mỗi sáng chữa khỏi bệnh tiểu đường hoàn toàn",
    "tin_gia",
    ("lá ổi", "tiểu đường", "chữa khỏi"),
)
LAND = Claim(
    "C2",
    "Tỉnh sẽ thu hồi toàn bộ đất rẫy của người dân xã Quảng Sơn để giao cho doanh nghiệp",
    "tin_sai_su_that",
    ("thu hồi", "đất", "Quảng Sơn", "doanh nghiệp"),
)
DAM = Claim("C3", "Hồ thủy lợi Đắk Rông bị vỡ đập, nước tràn ngập ba thôn", "tin_gia",
            ("vỡ đập", "Đắk Rông"))  # fmt: skip
NO_KEYWORDS = Claim("C4", "Hồ thủy lợi Đắk Rông bị vỡ đập, nước tràn ngập ba thôn", "tin_gia")
CLAIMS = (GUAVA, LAND, DAM)

PARAPHRASES = {
    "C1": "Nhiều người chia sẻ mẹo dân gian. Chỉ cần đun lá ổi lấy nước uống vào buổi sáng là "
    "bệnh đái tháo đường, tiểu đường sẽ được chữa khỏi dứt điểm, không cần thuốc.",
    "C2": "Có tin đồn rằng chính quyền chuẩn bị thu hồi hết đất rẫy của bà con ở Quảng Sơn. "
    "Số đất này được cho là sẽ giao lại cho một doanh nghiệp.",
    "C3": "Tin nhan lan truyen: dap ho thuy loi Dak Rong da bi vo, nuoc ngap ca ba thon.",
}
UNRELATED = (
    "Sáng nay, UBND tỉnh tổ chức hội nghị về chuyển đổi số. Các sở ngành báo cáo kết quả.",
    "Bệnh tiểu đường đang gia tăng ở người trẻ. Bác sĩ khuyên nên ăn uống lành mạnh.",
    "Tỉnh giao đất cho doanh nghiệp làm dự án tại Bảo Lộc theo đúng quy định.",
)


@pytest.mark.parametrize("claim_id", sorted(PARAPHRASES))
def test_paraphrases_match_their_claim_only(claim_id: str) -> None:
    matches = match_claims(PARAPHRASES[claim_id], CLAIMS)
    assert [m.claim_id for m in matches] == [claim_id]
    best = matches[0]
    assert best.method == "tfidf+keywords" and best.keyword_coverage == 1.0
    assert 0.45 <= best.similarity <= 1.0


def test_the_best_passage_is_the_evidence() -> None:
    (match,) = match_claims(PARAPHRASES["C1"], CLAIMS)
    assert match.evidence_sentence.startswith("Chỉ cần đun lá ổi")
    (land,) = match_claims(PARAPHRASES["C2"], CLAIMS)  # spread over two sentences
    assert "Quảng Sơn" in land.evidence_sentence and "doanh nghiệp" in land.evidence_sentence


@pytest.mark.parametrize("text", UNRELATED)
def test_related_but_different_items_do_not_match(text: str) -> None:
    assert match_claims(text, CLAIMS) == []


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda s: unicodedata.normalize("NFD", s), id="NFD"),
        pytest.param(lambda s: s.replace("thủy", "thuỷ").replace("Thủy", "Thuỷ"), id="tones"),
        pytest.param(lambda s: s.replace("đ", "d").replace("Đ", "D"), id="d"),
    ],
)
def test_vietnamese_variants(variant: object) -> None:
    text = "Người dân hoảng hốt vì hồ thủy lợi Đắk Rông bị vỡ đập trong đêm."
    original = match_claims(text, CLAIMS)
    changed = match_claims(variant(text), CLAIMS)  # type: ignore[operator]
    assert [m.claim_id for m in changed] == [m.claim_id for m in original] == ["C3"]


def test_without_keywords_the_cosine_decides() -> None:
    text = "Hồ thủy lợi Đắk Rông bị vỡ đập, nước tràn ngập ba thôn trong đêm qua."
    (match,) = match_claims(text, (NO_KEYWORDS,))
    assert match.method == "tfidf" and match.similarity == match.cosine > 0.6


def test_refutation_is_flagged_and_rule_hits_follow_the_kind() -> None:
    text = "Công an tỉnh khẳng định thông tin hồ thủy lợi Đắk Rông bị vỡ đập là tin giả."
    (match,) = match_claims(text, CLAIMS)
    assert match.debunking
    day = datetime.date(2026, 3, 1)
    (social,) = claim_hits([match], kind="social_network", on=day, subject="post:1")
    assert (social.rule_code, social.sanction_refs) == ("false-claim-social", ("nd15-101-1",))
    assert "with refutation wording" in social.explanation
    (site,) = claim_hits(match_claims(PARAPHRASES["C1"], CLAIMS), kind="general_site", on=day)
    assert site.rule_code == "false-claim-site" and site.needs_verification
    assert site.evidence == (match_claims(PARAPHRASES["C1"], CLAIMS)[0].evidence_sentence,)
    assert claim_hits([match], kind="press", on=datetime.date(2019, 1, 1)) == []


def test_empty_inputs() -> None:
    assert match_claims("", CLAIMS) == []
    assert match_claims(PARAPHRASES["C1"], ()) == []
