"""Staging of uploaded plan files between the preview and the confirmation."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from plans.importing import sha256_of
from plans.parsing import Plan, parse_plan_file

STAGING = "plans/staging"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")
SUFFIXES = ("txt", "md", "docx")


def suffix_of(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix if suffix in SUFFIXES else "txt"


def stage(content: bytes, name: str) -> str:
    """Keep the file until it is confirmed; returns its token (the SHA-256)."""
    token = sha256_of(content)
    path = f"{STAGING}/{token}.{suffix_of(name)}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(content))
    return token


def staged(token: str, name: str) -> bytes | None:
    """The staged content of ``token`` (None for a malformed or unknown token)."""
    if not _TOKEN.match(token):
        return None
    path = f"{STAGING}/{token}.{suffix_of(name)}"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        content: bytes = handle.read()
    return content if sha256_of(content) == token else None


def parse_content(content: bytes, name: str) -> Plan:
    """Parse bytes as the file type their name says (raises ``PlanParseError``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan.{suffix_of(name)}"
        path.write_bytes(content)
        return parse_plan_file(path)
