"""Fixtures of the reports tests: a throwaway media folder and the demo plan with its units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accounts.bootstrap import load_areas, load_sectors, load_units
from core.bootstrap import BootstrapReport
from plans.bootstrap import demo_plan, load_demo_plan
from plans.models import Plan


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def plan(db: None) -> Plan:
    """Units, sectors and the fictional demo plan, as `presswatch bootstrap --demo` loads them."""
    report = BootstrapReport()
    load_areas(report)
    load_units(report)
    load_sectors(report)
    load_demo_plan(report)
    found = demo_plan()
    assert found is not None
    return found
