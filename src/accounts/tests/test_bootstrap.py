import datetime

import pytest

from accounts.models import Jurisdiction, Sector, Unit, User
from core.bootstrap import run as bootstrap
from core.models import ObjectChange
from places.models import Area

pytestmark = pytest.mark.django_db


def test_bootstrap_is_idempotent() -> None:
    first = bootstrap(demo=True)
    counts = (
        Area.objects.count(),
        Unit.objects.count(),
        Sector.objects.count(),
        User.objects.count(),
        Jurisdiction.objects.count(),
    )
    changes = ObjectChange.objects.count()
    second = bootstrap(demo=True)
    assert first.created["unit"] == counts[1]
    assert second.created == {}
    assert counts == (
        Area.objects.count(),
        Unit.objects.count(),
        Sector.objects.count(),
        User.objects.count(),
        Jurisdiction.objects.count(),
    )
    assert ObjectChange.objects.count() == changes  # nothing changed, nothing logged


def test_province_and_press_authority_follow_the_dates() -> None:
    bootstrap(demo=False)
    before = Jurisdiction.on(datetime.date(2024, 6, 1))
    after = Jurisdiction.on(datetime.date(2026, 11, 26))
    assert before is not None and before.province.name == "Đắk Nông"
    assert before.press_authority.code == "so-tttt-dak-nong"
    assert after is not None and after.province.name == "Lâm Đồng"
    assert after.press_authority.code == "so-vhttdl-lam-dong"
    assert User.objects.count() == 0  # demo accounts only with --demo


def test_former_districts_map_to_the_merged_province() -> None:
    bootstrap(demo=False)
    districts = Area.objects.filter(parent__code="dak-nong", kind__in=["district", "city"])
    assert districts.count() == 8
    rlap = Area.objects.get(code="dak-rlap")
    assert "Đắk R’lấp" in rlap.variants
    dak_nong = Area.objects.get(code="dak-nong")
    assert dak_nong.current(datetime.date(2026, 1, 1)).code == "lam-dong"


def test_every_sector_but_khac_has_a_responsible_unit() -> None:
    bootstrap(demo=False)
    assert Sector.objects.count() == 15
    unmapped = Sector.objects.filter(responsible_unit__isnull=True)
    assert list(unmapped.values_list("code", flat=True)) == ["khac"]


def test_plan_units_are_matched_by_alias() -> None:
    bootstrap(demo=False)
    for name in ["Tạp chí Năm Nung", "Đài PTTH Đắk Nông", "Sở TT&TT", "Hội Nhà báo tỉnh"]:
        assert Unit.objects.search(name).exists(), name
