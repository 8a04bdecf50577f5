"""The numbering register of outgoing documents: per year and per symbol, the next number.

The symbol follows ``core.documents.issuers.number_symbol``: a công văn of the Sở is
``…/SVHTTDL`` (``…/SVHTTDL-TTBCXB`` with a division), a báo cáo ``…/BC-SVHTTDL``. A number is
taken by one UPDATE that raises the register's last number by one inside the caller's
transaction: PostgreSQL locks the row until the transaction ends and SQLite runs write
transactions one at a time (``transaction_mode = IMMEDIATE``), so two officers issuing at the
same moment get two numbers, and a rolled-back issue gives its number back.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F

from cases.models import LetterRegister
from core.documents.issuers import Issuer, number_symbol

DIVISION = re.compile(r"^[A-ZĐ0-9&]{1,20}$")


class NumberingError(ValueError):
    """The division code is not a valid part of a document symbol."""


def symbol_for(kind: str, issuer: Issuer, division: str = "") -> str:
    """The part after the slash: ``SVHTTDL-TTBCXB``, ``BC-SVHTTDL``."""
    division = division.strip().upper()
    if division and not DIVISION.match(division):
        raise NumberingError(f"not a division code: {division!r}")
    return number_symbol(kind, issuer, None, division=division).split("/", 1)[1]


def take_number(year: int, symbol: str, kind: str) -> int:
    """The next number of the register (``year``, ``symbol``), created at 1 when missing.

    Call it inside the transaction that stores the number on the document.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that uses the number")
    register = LetterRegister.objects.filter(year=year, symbol=symbol)
    if not register.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():  # a savepoint: another transaction may create it first
                LetterRegister.objects.create(year=year, symbol=symbol, kind=kind, last_number=1)
            return 1
        except IntegrityError:
            register.update(last_number=F("last_number") + 1)
    return int(register.values_list("last_number", flat=True).get())
