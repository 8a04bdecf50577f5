"""Fixtures of the plans tests: the unit directory, the seed plan, a small fictional plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.bootstrap import load_areas, load_units
from core.bootstrap import BootstrapReport

SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "000_2da2f8a9fd1c4402.txt"
SEED_FALLBACK = Path("/work/shared/seed/000_2da2f8a9fd1c4402.txt")
DEMO_PLAN = Path(__file__).resolve().parents[1] / "data" / "demo_plan.txt"


def seed_path() -> Path:
    for path in (SEED, SEED_FALLBACK):
        if path.exists():
            return path
    pytest.skip("the seed plan (shared/seed/000_2da2f8a9fd1c4402.txt) is not on this machine")


@pytest.fixture
def units(db: None) -> None:
    """The units of accounts/data/units.json (as `presswatch bootstrap` loads them)."""
    report = BootstrapReport()
    load_areas(report)
    load_units(report)


@pytest.fixture
def media(tmp_path: Path, settings: object) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root
