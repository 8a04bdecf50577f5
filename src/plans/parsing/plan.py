"""Blocks of a plan document → :class:`Plan`: the order of the parsing steps in one place.

1. Task tables are set aside; other tables (the header and signature tables of a .docx) are read
   as text, cell by cell.
2. Lines are cleaned (NFC, page artefacts, broken paragraphs joined).
3. Sections are split on Roman numerals; the back matter starts at "Nơi nhận" or the signature.
4. Tasks: the task tables when there are any, else the numbered text of the task sections (of the
   whole body when the plan has no Roman sections). Several task sections each numbered from 1
   get their Roman numeral as a prefix ("II.1", "III.1").
5. Header, legal bases, reporting duties, recipients and signer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from plans.parsing.document import legal_bases, read_header, recipients, signer
from plans.parsing.lines import clean_lines
from plans.parsing.reader import blocks_from_text, read_blocks
from plans.parsing.reporting import reporting_duties
from plans.parsing.structure import (
    Section,
    SectionKind,
    is_back_start,
    parse_heading,
    split_sections,
)
from plans.parsing.tables import table_tasks, task_columns
from plans.parsing.tasks import text_tasks
from plans.parsing.types import Block, NoTasksError, Plan, Table, Task

_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
NO_TASKS = (
    "no tasks found (expected numbered tasks such as '1.' and '1.1.' under a task section, or a "
    "task table with 'Nhiệm vụ' and 'Cơ quan chủ trì' columns)"
)


def _split_back(
    front: list[str], sections: list[Section]
) -> tuple[list[str], list[Section], list[str]]:
    """Cut the back matter (recipients, signature, appendix) off the body."""
    if not sections:
        index = next((i for i, line in enumerate(front) if is_back_start(line)), len(front))
        return front[:index], [], front[index:]
    kept: list[Section] = []
    for position, section in enumerate(sections):
        lines = list(section.lines)
        cut = next((i for i, line in enumerate(lines) if is_back_start(line)), None)
        if cut is None:
            kept.append(section)
            continue
        kept.append(dataclasses.replace(section, lines=tuple(lines[:cut])))
        back = lines[cut:] + [line for later in sections[position + 1 :] for line in later.lines]
        return front, kept, back
    return front, kept, []


def _with_prefix(task: Task, prefix: str) -> Task:
    parent = f"{prefix}.{task.parent}" if task.parent else None
    return dataclasses.replace(task, code=f"{prefix}.{task.code}", parent=parent)


def _section_tasks(sections: list[Section]) -> list[Task]:
    chosen = [s for s in sections if s.kind is SectionKind.TASKS] or [
        s for s in sections if s.kind is SectionKind.OTHER
    ]
    found = [(section, text_tasks(list(section.lines))) for section in chosen]
    found = [(section, tasks) for section, tasks in found if tasks]
    if len(found) == 1:
        return found[0][1]
    return [
        _with_prefix(
            task, _ROMAN[section.number] if section.number < len(_ROMAN) else str(section.number)
        )
        for section, tasks in found
        for task in tasks
    ]


def _until_first_heading(lines: Sequence[str]) -> list[str]:
    index = next((i for i, line in enumerate(lines) if parse_heading(line)), len(lines))
    return list(lines[:index])


def parse_blocks(blocks: Sequence[Block]) -> Plan:
    """The plan held by ``blocks``; :class:`NoTasksError` when no task is found."""
    texts: list[str] = []
    tables: list[Task] = []
    for block in blocks:
        if isinstance(block, Table):
            columns = task_columns(block)
            if columns is not None:
                tables.extend(table_tasks(block, columns, before=tuple(tables)))
            else:
                texts.extend(cell for row in block.rows for cell in row)
        else:
            texts.append(block)
    front, sections, back = _split_back(*split_sections(clean_lines(texts)))
    header = read_header(front)
    if tables:
        tasks = tables
    elif sections:
        tasks = _section_tasks(sections)
    else:
        tasks = text_tasks(list(header.preamble))
    if not tasks:
        raise NoTasksError(NO_TASKS)
    return Plan(
        title=header.title,
        issuer=header.issuer,
        number=header.number,
        date=header.date,
        legal_bases=legal_bases(_until_first_heading(header.preamble)),
        tasks=tuple(tasks),
        reporting=reporting_duties(sections),
        recipients=recipients(back),
        signer=signer(back),
    )


def parse_plan_text(text: str, *, markdown: bool = False) -> Plan:
    """The plan written in ``text`` (plain text, or Markdown with ``markdown``)."""
    return parse_blocks(blocks_from_text(text, markdown=markdown))


def parse_plan_file(path: Path) -> Plan:
    """The plan in the .txt, .md or .docx file at ``path``.

    Raises :class:`~plans.parsing.types.UnsupportedFormatError`,
    :class:`~plans.parsing.types.UnreadableFileError` or :class:`NoTasksError`.
    """
    return parse_blocks(read_blocks(path))
