"""Where case files live: evidence and letters, under EVIDENCE_ROOT, never served as media."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def case_files() -> Storage:
    """The storage of evidence captures, uploads and letters (read through scoped views only)."""
    return FileSystemStorage(location=settings.EVIDENCE_ROOT)
