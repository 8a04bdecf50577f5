"""The HTML preview of a generated document: the same blocks as the DOCX, as plain values for
the template ``reports/preview.html`` (charts inline as PNG data addresses)."""

from __future__ import annotations

import base64
from typing import Any

from core.documents.issuers import date_line
from core.documents.official import Heading, Image, OfficialDocument, Paragraph, Table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return str(value)


def blocks(document: OfficialDocument) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in document.body:
        if isinstance(block, Heading):
            found.append({"kind": "heading", "text": block.text, "level": block.level})
        elif isinstance(block, Paragraph):
            found.append(
                {
                    "kind": "paragraph",
                    "text": "".join(piece.text for piece in block.pieces),
                    "bold": block.bold,
                    "italic": block.italic,
                }
            )
        elif isinstance(block, Table):
            found.append(
                {
                    "kind": "table",
                    "caption": block.caption,
                    "header": list(block.header),
                    "rows": [[_cell(v).split("\n") for v in row] for row in block.rows],
                }
            )
        elif isinstance(block, Image):
            data = base64.b64encode(block.data).decode("ascii")
            found.append(
                {"kind": "image", "src": f"data:image/png;base64,{data}", "caption": block.caption}
            )
    return found


def context(document: OfficialDocument) -> dict[str, Any]:
    return {
        "document": document,
        "blocks": blocks(document),
        "date_line": date_line(document.place_name, document.date),
        "addressees": document.addressee_lines() if document.recipients_to else [],
        "recipients": document.recipient_lines(),
    }
