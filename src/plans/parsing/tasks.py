"""Tasks written as numbered text: "1.", "1.1.", "a)" headings with labelled lines or prose.

- A numbered heading is accepted when its code continues the outline: a first child ("1" → "1.1"),
  or a later sibling of the current code or of one of its ancestors ("1.3" → "2"). Any other
  numbered line ("1. …" inside task 5) is text of the current task.
- Lettered headings ("a)", "b)" …, in order) under a numbered task are subtasks ("3.a") when
  every item of the list names units or a time of its own; otherwise they are text of their
  parent, and labelled lines under them belong to the parent.
- The title is the heading text, cut before an inline label ("…; thời gian: …").
- Units come from labelled lines; when a task has none, from its prose. The time comes from the
  time label; a task without one and without subtasks takes the first time phrase of its text
  ("hoàn thành trước ngày 30/9/2026", "định kỳ 6 tháng/lần"); otherwise it has no schedule
  (kind once, raw "").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.parsing.fields import (
    FieldKind,
    TaskFields,
    first_label_start,
    labelled_segments,
    read_prose,
)
from plans.parsing.keys import tidy
from plans.parsing.schedule import NO_SCHEDULE, parse_schedule, time_phrase
from plans.parsing.structure import Heading, parse_heading
from plans.parsing.types import Schedule, Task

_ALPHABETS = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")


@dataclass(slots=True)
class _Node:
    code: str
    parent: str | None
    heading: str
    lettered: bool = False
    fields: list[tuple[FieldKind, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _accepts(parts: tuple[int, ...], path: tuple[int, ...]) -> bool:
    if not path:
        return True
    if len(parts) == len(path) + 1 and parts[:-1] == path:
        return True
    depth = len(parts)
    return depth <= len(path) and parts[:-1] == path[: depth - 1] and parts[-1] > path[depth - 1]


def _follows(letter: str, previous: str) -> bool:
    if not previous:
        return letter == "a"
    return any(
        letter in alphabet
        and previous in alphabet
        and alphabet.index(letter) > alphabet.index(previous)
        for alphabet in _ALPHABETS
    )


@dataclass(slots=True)
class _Outline:
    nodes: list[_Node] = field(default_factory=list)
    path: tuple[int, ...] = ()
    numbered: _Node | None = None
    letter: str = ""

    def add_numbered(self, heading: Heading) -> None:
        code = ".".join(str(part) for part in heading.parts)
        self.nodes.append(_Node(code, ".".join(code.split(".")[:-1]) or None, heading.text))
        self.path, self.numbered, self.letter = heading.parts, self.nodes[-1], ""

    def add_lettered(self, heading: Heading, numbered: _Node) -> None:
        code = f"{numbered.code}.{heading.letter}"
        self.nodes.append(_Node(code, numbered.code, heading.text, lettered=True))
        self.letter = heading.letter

    def add_line(self, line: str) -> None:
        heading = parse_heading(line)
        if heading is not None and heading.parts and _accepts(heading.parts, self.path):
            self.add_numbered(heading)
            return
        if heading and heading.letter and self.numbered and _follows(heading.letter, self.letter):
            self.add_lettered(heading, self.numbered)
            return
        if not self.nodes:
            return
        segments = labelled_segments(line, at_start=True)
        if segments:
            self.nodes[-1].fields.extend(segments)
        else:
            self.nodes[-1].body.append(line)


def _task_fields(node: _Node) -> TaskFields:
    found = TaskFields()
    for kind, value in node.fields:
        found.add(kind, value)
    prose = TaskFields()
    read_prose([node.heading, *node.body], prose)
    if not found.has_units:
        found.lead, found.coordinating = prose.lead, prose.coordinating
    found.time = found.time or prose.time
    return found


def _fold_lettered(nodes: list[_Node]) -> list[_Node]:
    """Lettered items are subtasks only when each item of the list names units or a time.

    Otherwise ("a) Trên báo in; b) Trên mạng xã hội." followed by the unit lines of the task)
    they are text of their parent, and their labelled lines are the parent's.
    """
    groups: dict[str, list[_Node]] = {}
    for node in nodes:
        if node.lettered and node.parent is not None:
            groups.setdefault(node.parent, []).append(node)
    folded = {
        parent
        for parent, items in groups.items()
        if not all(_task_fields(item).has_units or _task_fields(item).time for item in items)
    }
    kept: list[_Node] = []
    for node in nodes:
        if node.lettered and node.parent in folded and kept:
            parent = next((n for n in reversed(kept) if n.code == node.parent), kept[-1])
            parent.body.extend([f"{node.code.rsplit('.', 1)[-1]}) {node.heading}", *node.body])
            parent.fields.extend(node.fields)
        else:
            kept.append(node)
    return kept


def _title(node: _Node) -> str:
    cut = first_label_start(node.heading)
    title = node.heading[:cut] if cut is not None else node.heading
    if not tidy(title) and node.body:
        title = node.body[0]
    return tidy(title).rstrip(".:;").strip()


def _schedule(node: _Node, found: TaskFields, *, leaf: bool) -> Schedule:
    if found.time:
        return parse_schedule(found.time)
    if leaf:
        for text in [*node.body, node.heading]:
            phrase = time_phrase(text)
            if phrase:
                return parse_schedule(phrase)
    return NO_SCHEDULE


def text_tasks(lines: list[str]) -> list[Task]:
    """The tasks of the numbered text in ``lines``."""
    outline = _Outline()
    for line in lines:
        outline.add_line(line)
    nodes = _fold_lettered(outline.nodes)
    codes = {node.code for node in nodes}
    parents = {node.parent for node in nodes}
    tasks: list[Task] = []
    for node in nodes:
        found = _task_fields(node)
        tasks.append(
            Task(
                code=node.code,
                title=_title(node),
                parent=node.parent if node.parent in codes else None,
                lead_units=tuple(found.lead),
                coordinating_units=tuple(found.coordinating),
                schedule=_schedule(node, found, leaf=node.code not in parents),
            )
        )
    return tasks
