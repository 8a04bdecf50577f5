"""The numbering register: a draft letter prints "Số: …/…"; issuing takes the next number of
its year and symbol (NĐ 30 symbol convention), atomically, never twice, also when two
transactions issue at the same moment (runs on SQLite and, when configured, PostgreSQL)."""

from __future__ import annotations

import datetime
import io
import threading
import time
from collections.abc import Callable
from typing import Any

import docx
import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from cases import letters, numbering, services
from cases.choices import LetterKind
from cases.models import Case, Letter, LetterRegister
from cases.tests.helpers import commune, open_case, user
from core.access import Role
from core.documents.issuers import issuer_for
from core.documents.official import CONG_VAN
from core.models import ObjectChange

DAY = datetime.date(2026, 3, 5)


def _text(letter: Letter) -> str:
    with letter.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _draft(case: Case, officer: Any) -> Letter:
    data = letters.defaults(case, LetterKind.REQUEST, DAY)
    return letters.create(case, officer, LetterKind.REQUEST, data)


def _case_with_unit(officer: Any) -> Case:
    case = open_case(officer)
    services.assign(case, officer, [commune()])
    return case


@pytest.mark.django_db
def test_a_draft_prints_dots_and_issuing_numbers_it(tmp_path: Any, settings: Any) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = _case_with_unit(officer)
    draft = _draft(case, officer)
    assert draft.is_draft and "Số: …/…" in _text(draft)
    draft_name, draft_hash = draft.file.name, draft.sha256

    issued = letters.issue(draft, officer, on=DAY)
    assert (issued.serial, issued.register_year, issued.symbol) == (1, 2026, "SVHTTDL")
    assert issued.number == "01/SVHTTDL" and issued.date == DAY and issued.issued_by == officer
    text = _text(issued)
    assert "Số: 01/SVHTTDL" in text and "…/…" not in text
    assert issued.sha256 != draft_hash and issued.file.name != draft_name
    assert case.events.filter(action="letter_issued", comment__startswith="01/SVHTTDL").exists()
    change = issued.changes().filter(comment="letter issued").first()
    assert change is not None and "number" in change.changed_fields and change.user == officer

    second = letters.issue(_draft(case, officer), officer, on=DAY, division="ttbcxb")
    assert second.number == "01/SVHTTDL-TTBCXB"  # another symbol: its own register
    third = letters.issue(_draft(case, officer), officer, on=DAY)
    assert third.number == "02/SVHTTDL"
    next_year = letters.issue(_draft(case, officer), officer, on=datetime.date(2027, 1, 4))
    assert (next_year.serial, next_year.register_year) == (1, 2027)
    with pytest.raises(letters.LetterError):
        letters.issue(third, officer, on=DAY)
    assert LetterRegister.objects.get(year=2026, symbol="SVHTTDL").last_number == 2


@pytest.mark.django_db
def test_the_symbol_follows_the_issuer_and_the_kind() -> None:
    before = issuer_for(datetime.date(2025, 2, 1))
    after = issuer_for(DAY)
    assert numbering.symbol_for(CONG_VAN, before) == "STTTT"
    assert numbering.symbol_for(CONG_VAN, after, "ttbcxb") == "SVHTTDL-TTBCXB"
    assert numbering.symbol_for("BÁO CÁO", after) == "BC-SVHTTDL"
    with pytest.raises(numbering.NumberingError):
        numbering.symbol_for(CONG_VAN, after, "A/B")


@pytest.mark.django_db
def test_the_database_refuses_a_second_letter_with_the_same_number(
    tmp_path: Any, settings: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = _case_with_unit(officer)
    first = letters.issue(_draft(case, officer), officer, on=DAY)
    other = _draft(case, officer)
    Letter.objects.filter(pk=other.pk).update(serial=first.serial, register_year=2026, symbol="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.filter(pk=other.pk).update(symbol=first.symbol)


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.take_number(2026, "SVHTTDL", CONG_VAN) == 1
        raise RuntimeError("the DOCX could not be written")
    with transaction.atomic():
        assert numbering.take_number(2026, "SVHTTDL", CONG_VAN) == 1


def _in_threads(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work(index))
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_never_share_a_number() -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        numbering.take_number(2026, "SVHTTDL", CONG_VAN)  # autocommit: the lock would not hold

    def take(_index: int) -> int:
        with transaction.atomic():
            number = numbering.take_number(2026, "SVHTTDL", CONG_VAN)
            time.sleep(0.05)  # hold the transaction open: the others must wait, not reuse it
            return number

    results, errors = _in_threads(4, take)  # the register does not exist yet: one creates it
    assert errors == []
    assert sorted(results) == [1, 2, 3, 4]
    results, errors = _in_threads(6, take)  # the register exists: each takes it in turn
    assert errors == []
    assert sorted(results) == [5, 6, 7, 8, 9, 10]
    assert LetterRegister.objects.get(year=2026, symbol="SVHTTDL").last_number == 10


@pytest.mark.django_db(transaction=True)
def test_officers_issuing_at_the_same_moment_get_distinct_numbers(
    tmp_path: Any, settings: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = _case_with_unit(officer)
    drafts = [_draft(case, officer) for _ in range(5)]
    assert letters.issue(drafts.pop(), officer, on=DAY).number == "01/SVHTTDL"

    def issue(index: int) -> str:
        return letters.issue(drafts[index], officer, on=DAY).number

    results, errors = _in_threads(4, issue)
    assert errors == []
    assert sorted(results) == ["02/SVHTTDL", "03/SVHTTDL", "04/SVHTTDL", "05/SVHTTDL"]
    serials = sorted(int(n or 0) for n in Letter.objects.values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_pages_issue_a_letter_and_keep_the_register_from_going_back(
    client: Client, tmp_path: Any, settings: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = _case_with_unit(officer)
    client.force_login(officer)
    form = {
        **letters.defaults(case, LetterKind.REQUEST, DAY),
        "date": DAY.isoformat(),
        "recipients_to": "UBND phường Thử Nghiệm",
        "recipients": "Như trên\nLưu: VT",
        "signer_name": "Trần Văn Minh",
    }
    assert client.post(f"/cases/{case.pk}/letters/new/request/", form).status_code == 302
    letter = case.letters.get()
    assert letter.is_draft
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Số: …/…" in page and f"/cases/{case.pk}/letters/{letter.pk}/issue/" in page
    assert client.get(f"/cases/{case.pk}/letters/{letter.pk}/issue/").status_code == 405
    issue_url = f"/cases/{case.pk}/letters/{letter.pk}/issue/"
    assert client.post(issue_url, {"division": "TTBCXB"}).status_code == 302
    letter.refresh_from_db()
    assert letter.number.startswith("01/SVHTTDL-TTBCXB") and letter.serial == 1
    assert client.post(issue_url, {"division": "TTBCXB"}).status_code == 302  # refused: issued
    letter.refresh_from_db()
    assert letter.serial == 1
    assert "TTBCXB" in client.get(f"/cases/{case.pk}/").content.decode()  # offered again

    register = LetterRegister.objects.get()
    assert "TTBCXB" in client.get("/cases/registers/").content.decode()
    url = f"/cases/registers/{register.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"last_number": 0}).status_code == 400  # below number 1, issued
    assert client.post(url, {"last_number": 124, "comment": "sổ giấy"}).status_code == 302
    register.refresh_from_db()
    assert register.last_number == 124
    assert ObjectChange.objects.filter(object_id=str(register.pk), comment="sổ giấy").exists()

    liaison = user(Role.UNIT_LIAISON)
    client.force_login(liaison)
    assert client.get("/cases/registers/").status_code == 403
    assert client.post(url, {"last_number": 500}).status_code == 403
