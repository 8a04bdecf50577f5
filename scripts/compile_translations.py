"""Compile src/locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext needed).

Only files whose .po is newer than their .mo are compiled.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "locale"


def main() -> int:
    for po_path in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        sys.stdout.write(f"translations: compiled {po_path.relative_to(ROOT.parent.parent)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
