"""Tone: the editable lexicon (with negation) and the model trained from corrections."""

from __future__ import annotations

import pytest

from analysis.engine.tone import (
    IncompatibleModelError,
    ToneLexicon,
    ToneModel,
    score_tone,
)


@pytest.mark.parametrize(
    ("title", "body", "label"),
    [
        ("Sạt lở nghiêm trọng, 3 người tử vong", "", "negative"),
        ("Khởi tố nguyên chủ tịch xã vì tham nhũng", "Sai phạm gây thất thoát lớn.", "negative"),
        ("Người dân bức xúc vì ô nhiễm", "Nhà máy xả thải gây ô nhiễm kéo dài.", "negative"),
        ("Khánh thành cầu mới, người dân phấn khởi", "", "positive"),
        (
            "Tỉnh vượt kế hoạch thu ngân sách",
            "Biểu dương các đơn vị đạt thành tích xuất sắc.",
            "positive",
        ),
        ("Hội nghị triển khai kế hoạch năm 2026", "Đại biểu thảo luận các nội dung.", "neutral"),
        ("Chay rung o Tuy Duc, thiet hai nang", "", "negative"),
    ],
)
def test_lexicon_labels(title: str, body: str, label: str) -> None:
    result = ToneLexicon.default().score(title, "", body)
    assert result.label == label
    assert result.method == "lexicon"
    assert -1 <= result.score <= 1
    if label != "neutral":
        assert result.drivers


def test_negation_and_prevention_are_not_negative() -> None:
    lexicon = ToneLexicon.default()
    violation = lexicon.score("Doanh nghiệp vi phạm quy định")
    no_violation = lexicon.score("Doanh nghiệp không vi phạm quy định")
    assert violation.label == "negative"
    assert no_violation.label != "negative"
    assert no_violation.score > 0
    assert "+không vi phạm" in no_violation.drivers
    prevention = lexicon.score("Tăng cường phòng chống tham nhũng")
    assert prevention.label == "neutral"
    assert lexicon.score("Công trình chưa hiệu quả").score < 0


def test_negation_does_not_cross_a_sentence() -> None:
    lexicon = ToneLexicon.default()
    assert lexicon.score("Không. Tham nhũng lớn").label == "negative"


def test_drivers_name_the_terms_and_the_sentence() -> None:
    result = ToneLexicon.default().score(
        "Họp dân", "", "Buổi họp diễn ra. Sạt lở làm thiệt hại nhiều nhà dân. Mọi người ra về."
    )
    assert result.drivers[0] in {"\u2212sạt lở", "\u2212thiệt hại"}
    assert result.drivers[-1] == "“Sạt lở làm thiệt hại nhiều nhà dân”"


def test_lexicon_from_mapping() -> None:
    lexicon = ToneLexicon.from_mapping(
        {
            "negative": ["mất mùa=2"],
            "positive": ["trúng mùa"],
            "negators": ["không"],
            "intensifiers": ["rất"],
        }
    )
    assert lexicon.score("Nông dân mất mùa").label == "negative"
    assert lexicon.score("Nông dân trúng mùa").label == "positive"
    assert lexicon.score("Sạt lở lớn").label == "neutral"  # not in this lexicon


EXAMPLES = [
    *[
        (f"Vụ {w} ở xã A\nNgười dân thiệt hại do {w}.", "negative")
        for w in (
            "cháy",
            "trộm cắp",
            "lũ quét",
            "tai nạn",
            "lừa đảo",
            "ngộ độc",
            "đánh bạc",
            "sạt lở",
            "tham nhũng",
            "ô nhiễm",
            "buôn lậu",
            "bạo lực",
        )
    ],
    *[
        (f"Lễ {w} tại huyện B\nNhân dân phấn khởi với {w}.", "positive")
        for w in (
            "khánh thành",
            "trao giải",
            "tuyên dương",
            "biểu dương",
            "khai trương",
            "vinh danh",
            "chúc mừng",
            "thông xe",
            "trao học bổng",
            "tặng quà",
            "tri ân",
            "bàn giao nhà",
        )
    ],
    *[
        (f"Hội nghị về {w}\nCác đại biểu thảo luận về {w}.", "neutral")
        for w in (
            "kế hoạch",
            "quy hoạch",
            "dự toán",
            "báo cáo",
            "chương trình",
            "đề án",
            "thống kê",
            "lịch họp",
            "thông báo",
            "tuyển sinh",
            "điều chỉnh",
            "nhân sự",
        )
    ],
]


@pytest.fixture(scope="module")
def model() -> ToneModel:
    return ToneModel.train(EXAMPLES, lexicon=ToneLexicon.default(), epochs=150)


def test_model_learns_the_corrections(model: ToneModel) -> None:
    assert model.usable
    assert model.predict("Vụ cháy ở xã C", "", "Người dân thiệt hại do cháy.").label == "negative"
    assert (
        model.predict("Lễ khánh thành tại huyện D", "", "Nhân dân phấn khởi.").label == "positive"
    )
    assert model.predict("Hội nghị về đề án", "", "Các đại biểu thảo luận.").label == "neutral"
    result = model.predict("Vụ trộm cắp ở xã E", "", "Thiệt hại lớn.")
    assert result.method == "model"
    assert result.drivers


def test_model_bytes_round_trip(model: ToneModel) -> None:
    copy = ToneModel.from_bytes(model.to_bytes())
    for text in ("Vụ cháy lớn", "Lễ trao giải", "Hội nghị về kế hoạch"):
        assert copy.predict(text).label == model.predict(text).label
        assert copy.predict(text).score == pytest.approx(model.predict(text).score, abs=1e-4)


def test_incompatible_model_bytes(model: ToneModel) -> None:
    data = bytearray(model.to_bytes())
    data[7:9] = (ToneModel.FORMAT_VERSION + 1).to_bytes(2, "big")
    with pytest.raises(IncompatibleModelError, match="format"):
        ToneModel.from_bytes(bytes(data))
    with pytest.raises(IncompatibleModelError):
        ToneModel.from_bytes(b"not a model at all")


def test_score_tone_falls_back_to_the_lexicon(model: ToneModel) -> None:
    assert score_tone("Vụ cháy lớn", model=model).method == "model"
    small = ToneModel.train(EXAMPLES[:5], lexicon=ToneLexicon.default(), epochs=5)
    assert not small.usable
    assert score_tone("Vụ cháy lớn", model=small).method == "lexicon"
    assert score_tone("Vụ cháy lớn").method == "lexicon"


def test_unknown_training_label() -> None:
    with pytest.raises(ValueError, match="unknown tone label"):
        ToneModel.train([("Tin", "tốt")], lexicon=ToneLexicon.default())
