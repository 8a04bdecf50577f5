"""Official letters of a case: defaults from templates, the document data, the DOCX file.

A letter is written as a draft ("Số: …/…") and numbered when the officer issues it: the number
comes from the register of its year and symbol (:mod:`cases.numbering`), the date becomes the
day of issue and the DOCX is written again with both.

The body text comes from ``templates/cases/letters/<kind>.txt`` (Vietnamese, administrative
style; paragraphs separated by blank lines). The issuing body and the province come from
``core.documents.issuers.issuer_for(date)``: Sở TT&TT before 01/03/2025, Sở VHTTDL after.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from cases import numbering
from cases.choices import AssignmentState, LetterKind, SanctionStatus
from cases.models import Case, Letter
from cases.workflow import record
from core.access import Role
from core.context import acting
from core.documents.docx_writer import render_docx
from core.documents.issuers import issuer_for, number_symbol
from core.documents.official import CONG_VAN, OfficialDocument, Paragraph, Signer

SUBJECTS = {
    LetterKind.REQUEST: "kiểm tra, xác minh, xử lý và trả lời vụ việc số {number}",
    LetterKind.RESPONSE: "thông tin kết quả xử lý vụ việc số {number}",
}


def _units(case: Case) -> list[Any]:
    return [
        a.unit
        for a in case.assignments.exclude(state=AssignmentState.WITHDRAWN).select_related("unit")
    ]


def _signer_defaults() -> dict[str, str]:
    leader = User.objects.filter(role=Role.LEADER, is_active=True).order_by("pk").first()
    return {
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": leader.get_full_name() if leader else "",
    }


def defaults(case: Case, kind: str, on: datetime.date | None = None) -> dict[str, Any]:
    """Initial values of the letter form for ``case``."""
    on = on or timezone.localdate()
    issuer = issuer_for(on)
    units = _units(case)
    context = {
        "case": case,
        "issuer": issuer,
        "units": units,
        "assignments": case.assignments.filter(state=AssignmentState.RESPONDED).select_related(
            "unit"
        ),
        "sanctions": [
            {"sanction": s, "amount": f"{s.amount:,}".replace(",", ".")}
            for s in case.sanctions.filter(status=SanctionStatus.APPROVED).select_related("rule")
        ],
        "articles": case.articles.all(),
        "due": min((a.due_date for a in case.assignments.all()), default=None),
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"cases/letters/{kind}.txt", context).strip()
    if kind == LetterKind.REQUEST:
        to = [u.name for u in units]
        copies = ["Như trên", "Giám đốc Sở (để báo cáo)", "Lưu: VT, phòng chuyên môn"]
    else:
        to = [case.subject_name] if case.subject_name else []
        copies = [*(u.name for u in units), "Lưu: VT, phòng chuyên môn"]
    return {
        "date": on,
        "subject": SUBJECTS[LetterKind(kind)].format(number=case.number),
        "recipients_to": to,
        "body": body,
        "recipients": copies,
        **_signer_defaults(),
    }


def document_for(letter: Letter) -> OfficialDocument:
    paragraphs = [p.strip() for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return OfficialDocument(
        issuer=issuer_for(letter.date),
        number=letter.number or None,
        kind=CONG_VAN,
        subject=letter.subject,
        date=letter.date,
        recipients_to=list(letter.recipients_to),
        body=[Paragraph(" ".join(p.split())) for p in paragraphs],
        recipients=list(letter.recipients),
        signer=Signer(letter.signer_authority, letter.signer_title, letter.signer_name),
    )


def _file_name(letter: Letter) -> str:
    case = letter.case
    stem = f"cong-van-{case.year}-{case.sequence}-{letter.kind}-{letter.date:%Y%m%d}"
    return f"{stem}-so-{letter.serial}.docx" if letter.serial else f"{stem}.docx"


def _render(letter: Letter) -> None:
    """Write the DOCX of ``letter`` into its file field and hash (the caller saves the row)."""
    content = render_docx(document_for(letter))
    letter.sha256 = hashlib.sha256(content).hexdigest()
    letter.file.save(_file_name(letter), ContentFile(content), save=False)


def create(case: Case, actor: Any, kind: str, data: dict[str, Any]) -> Letter:
    """Save the letter (a draft unless ``data`` carries a number registered elsewhere), render
    its DOCX and keep the file with its hash."""
    with transaction.atomic(), acting(user=actor, comment=f"letter {kind}"):
        letter = Letter(
            case=case,
            kind=kind,
            number=data.get("number", ""),
            date=data["date"],
            subject=data["subject"],
            body=data["body"],
            recipients_to=list(data["recipients_to"]),
            recipients=list(data.get("recipients") or []),
            signer_authority=data.get("signer_authority", ""),
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        _render(letter)
        letter.save()
        if kind == LetterKind.REQUEST:
            letter.units.set(_units(case))
        record(case, actor, f"letter_{kind}", letter.subject)
    return letter


class LetterError(Exception):
    """The letter cannot be issued (already numbered)."""


def last_division(on: datetime.date | None = None) -> str:
    """The division code of the last letter issued (the form offers it again)."""
    issuer = issuer_for(on or timezone.localdate())
    symbol = (
        Letter.objects.exclude(serial=None)
        .order_by("-issued_at", "-pk")
        .values_list("symbol", flat=True)
        .first()
    )
    prefix = f"{issuer.symbol_suffix}-"
    return symbol[len(prefix) :] if symbol and symbol.startswith(prefix) else ""


def issue(
    letter: Letter, actor: Any, *, on: datetime.date | None = None, division: str = ""
) -> Letter:
    """Give the draft the next number of its year's register, date it ``on`` (today) and
    write its DOCX again. The number, the register and the file change in one transaction."""
    on = on or timezone.localdate()
    issuer = issuer_for(on)
    symbol = numbering.symbol_for(CONG_VAN, issuer, division)
    old_name = ""
    with transaction.atomic(), acting(user=actor, comment="letter issued"):
        current = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
        if current.number:
            raise LetterError(f"letter {current.pk} already has the number {current.number}")
        serial = numbering.take_number(on.year, symbol, CONG_VAN)
        old_name = current.file.name or ""
        current.serial, current.register_year, current.symbol = serial, on.year, symbol
        current.number = number_symbol(CONG_VAN, issuer, serial, division=division.strip().upper())
        current.date = on
        current.issued_at = timezone.now()
        current.issued_by = actor if getattr(actor, "pk", None) else None
        _render(current)
        current.save()
        record(current.case, actor, "letter_issued", f"{current.number} — {current.subject}")
        if old_name and old_name != current.file.name:
            storage = current.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))  # the draft's file
    letter.refresh_from_db()
    return letter
