"""Official letters of a case: defaults from templates, the document data, the DOCX file.

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
from cases.choices import AssignmentState, LetterKind, SanctionStatus
from cases.models import Case, Letter
from cases.workflow import record
from core.access import Role
from core.context import acting
from core.documents.docx_writer import render_docx
from core.documents.issuers import issuer_for
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


def create(case: Case, actor: Any, kind: str, data: dict[str, Any]) -> Letter:
    """Save the letter, render its DOCX and keep the file with its hash."""
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
        content = render_docx(document_for(letter))
        letter.sha256 = hashlib.sha256(content).hexdigest()
        name = f"cong-van-{case.year}-{case.sequence}-{kind}-{letter.date:%Y%m%d}.docx"
        letter.file.save(name, ContentFile(content), save=False)
        letter.save()
        if kind == LetterKind.REQUEST:
            letter.units.set(_units(case))
        record(case, actor, f"letter_{kind}", letter.subject)
    return letter
