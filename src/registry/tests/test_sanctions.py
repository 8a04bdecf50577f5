"""The sanctions reference table: data file, half rule, bootstrap, read-only page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

import registry.bootstrap  # noqa: F401  (registers this app's steps)
from core.access import Role
from core.bootstrap import BootstrapReport
from core.models import ObjectChange
from registry.bootstrap import load_data, load_sanctions
from registry.models import SanctionRule
from registry.models.sanctions import SanctionConfidence, ViolatorType
from registry.views.sanctions import fine_text, vnd

DATA = load_data("sanctions.json")
RULES: list[dict[str, Any]] = DATA["rules"]
CODES = [
    "nd119-6-1-a", "nd119-6-1-c", "nd119-6-2-a", "nd119-6-2-b", "nd119-6-2-c", "nd119-5-3-b",
    "nd119-8-1", "nd119-8-4-e", "nd119-8-false-info", "nd119-8-top", "nd119-11-1",
    "nd119-11-2-6", "nd119-12-1-2", "nd119-info-refusal", "nd119-info-false",
    "nd119-obstruct-journalist", "nd119-20-1-dd", "nd119-20-no-consent", "nd119-20-4-d",
    "nd119-20-antistate", "nd119-20-false-info", "nd119-20-customs", "nd119-21-1-a-b",
    "nd119-21-1-dd", "nd119-21-2", "nd119-21-3", "nd15-101-1", "unlicensed-site",
]  # fmt: skip
M = 1_000_000
URL = "/registry/sanctions/"


def by_code(code: str) -> dict[str, Any]:
    return next(row for row in RULES if row["code"] == code)


def test_data_file_has_the_28_rows_of_the_reference_table_in_order() -> None:
    assert [row["code"] for row in RULES] == CODES
    assert DATA["version"] == "2026-11"
    for row in RULES:
        assert row["confidence"] in {"S", "K", "U"}
        assert row["violator_type"] in {"organisation", "individual"}
        if row["fine_min"] is not None and row["fine_max"] is not None:
            assert 0 < row["fine_min"] <= row["fine_max"] <= 200 * M
        if row["confidence"] == "S":
            assert row["source_urls"], row["code"]


def test_uncertain_cells_are_marked_and_left_empty() -> None:
    uncertain_ranges = {
        "nd119-5-3-b", "nd119-8-4-e", "nd119-20-1-dd", "nd119-20-no-consent", "unlicensed-site"
    }  # fmt: skip
    uncertain_articles = {
        "nd119-8-false-info", "nd119-info-refusal", "nd119-info-false",
        "nd119-obstruct-journalist", "nd119-20-antistate", "nd119-20-false-info",
        "nd119-20-customs",
    }  # fmt: skip
    for code in uncertain_ranges:
        row = by_code(code)
        assert row["confidence"] == "U" and row["fine_min"] is None and row["fine_max"] is None
    for code in uncertain_articles:
        assert by_code(code)["confidence"] == "U"
    assert by_code("nd15-101-1")["confidence"] == "K"
    confirmed = {row["code"] for row in RULES if row["confidence"] == "S"}
    assert not confirmed & (uncertain_ranges | uncertain_articles)


def test_known_amounts() -> None:
    assert (by_code("nd119-6-2-a")["fine_min"], by_code("nd119-6-2-a")["fine_max"]) == (
        10 * M,
        20 * M,
    )
    assert (by_code("nd119-20-4-d")["fine_min"], by_code("nd119-20-4-d")["fine_max"]) == (
        40 * M,
        50 * M,
    )
    assert by_code("nd119-21-1-a-b")["amended_by"].startswith("14/2022/NĐ-CP")
    assert by_code("nd15-101-1")["decree"] == "15/2020/NĐ-CP"
    for row in RULES:
        is_art6 = row["decree"] == "119/2020/NĐ-CP" and row["article"] == "6"
        assert row["individual_halved"] is not is_art6, row["code"]
        assert (row["violator_type"] == "individual") is is_art6, row["code"]


@pytest.mark.django_db
def test_half_rule() -> None:
    social = SanctionRule(
        code="x", version="t", decree="15/2020/NĐ-CP", violation="v",
        violator_type=ViolatorType.ORGANISATION, fine_min=10 * M, fine_max=20 * M,
    )  # fmt: skip
    assert social.fine_range_for("organisation") == (10 * M, 20 * M)
    assert social.fine_range_for("individual") == (5 * M, 10 * M)
    card = SanctionRule(
        code="y", version="t", decree="119/2020/NĐ-CP", article="6", violation="v",
        violator_type=ViolatorType.INDIVIDUAL, individual_halved=False,
        fine_min=3 * M, fine_max=5 * M,
    )  # fmt: skip
    assert card.fine_range_for("individual") == (3 * M, 5 * M)
    assert card.fine_range_for("organisation") == (None, None)  # not stated by the table
    open_range = SanctionRule(code="z", version="t", violation="v", fine_min=None, fine_max=None)
    assert open_range.fine_range_for("individual") == (None, None)
    with pytest.raises(ValueError, match="violator type"):
        social.fine_range_for("company")
    assert card.citation == "NĐ 119/2020/NĐ-CP Art 6"
    assert SanctionRule(decree="119/2020/NĐ-CP", article="20", clause="1", point="đ").citation == (
        "NĐ 119/2020/NĐ-CP Art 20(1)(đ)"
    )


@pytest.mark.django_db
def test_bootstrap_loads_idempotently_and_restores_the_file() -> None:
    load_sanctions(BootstrapReport())
    assert list(SanctionRule.objects.values_list("code", flat=True)) == CODES
    card = SanctionRule.objects.get(code="nd119-6-1-a")
    assert card.fine_range_for("individual") == (3 * M, 5 * M) and card.valid_from is not None
    assert SanctionRule.objects.get(code="nd15-101-1").fine_range_for("individual") == (
        5 * M,
        10 * M,
    )
    assert SanctionRule.objects.get(code="nd119-8-4-e").is_uncertain
    changes = ObjectChange.objects.count()
    report = BootstrapReport()
    load_sanctions(report)
    assert SanctionRule.objects.count() == 28
    assert ObjectChange.objects.count() == changes, "a second run changes nothing"
    assert report.updated == {"sanctionrule": 28} and not report.created
    card.fine_max = 50 * M
    card.save()
    load_sanctions(BootstrapReport())
    card.refresh_from_db()
    assert card.fine_max == 5 * M


def test_amount_formatting() -> None:
    assert vnd(12_000_000) == "12.000.000" and vnd(None) == ""
    assert fine_text((3 * M, 5 * M)) == "3.000.000 – 5.000.000"
    assert fine_text((None, None)) == "" and fine_text((M, M)) == "1.000.000"


@pytest.mark.django_db
def test_page_lists_the_table_with_uncertain_rows_marked(
    client: Client, login: Callable[[Role], object]
) -> None:
    load_sanctions(BootstrapReport())
    login(Role.OFFICER)
    response = client.get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.rule.code for row in rows] == CODES
    html = response.content.decode()
    assert html.count('class="badge bad"') == sum(1 for r in RULES if r["confidence"] == "U")
    assert html.count('class="badge warn"') == sum(1 for r in RULES if r["confidence"] == "K")
    assert "3.000.000 – 5.000.000" in html
    row = next(r for r in rows if r.rule.code == "nd15-101-1")
    assert (row.organisation, row.individual) == (
        "10.000.000 – 20.000.000",
        "5.000.000 – 10.000.000",
    )

    uncertain = client.get(URL, {"confidence": SanctionConfidence.UNCERTAIN})
    assert {row.rule.confidence for row in uncertain.context["rows"]} == {"U"}
    found = client.get(URL, {"q": "mao danh nha bao"}).context["rows"]
    assert [row.rule.code for row in found] == ["nd119-6-2-a"]


@pytest.mark.django_db
def test_page_needs_the_registry_capability(
    client: Client, login: Callable[[Role], object]
) -> None:
    assert client.get(URL).status_code in (302, 403)
    login(Role.UNIT_LIAISON)
    assert client.get(URL).status_code == 403


def test_the_violation_reads_in_the_user_language() -> None:
    from django.utils import translation

    from registry.models import SanctionRule

    rule = SanctionRule(
        code="x", violation="Impersonating a journalist", violation_vi="Mạo danh nhà báo"
    )
    with translation.override("vi"):
        assert rule.violation_text == "Mạo danh nhà báo"
    with translation.override("en"):
        assert rule.violation_text == "Impersonating a journalist"
