"""Read a DOCX back into plain data, to check its layout (fonts, sizes, emphasis, page set-up).

Run properties are resolved the way Word does for what our writer uses: the run's own value,
else the paragraph style's, else the style it is based on.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

_ALIGNMENTS = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}


def _mm(length: Length | int | None) -> float | None:
    return None if length is None else round(Length(length).mm, 2)


@dataclass(frozen=True, slots=True)
class RunInfo:
    text: str
    font: str | None
    size: float | None  # pt
    bold: bool
    italic: bool
    underline: bool


@dataclass(frozen=True, slots=True)
class ParagraphInfo:
    text: str
    alignment: str  # left | center | right | justify
    runs: tuple[RunInfo, ...]
    first_line_indent_mm: float | None
    left_indent_mm: float | None
    right_indent_mm: float | None
    space_after_pt: float | None
    line_spacing: float | None  # a multiple of single spacing, when given as such
    top_border: bool
    has_picture: bool
    where: str  # "body" or "table T row R col C"

    def _text_runs(self) -> tuple[RunInfo, ...]:
        return tuple(run for run in self.runs if run.text.strip()) or self.runs

    @property
    def bold(self) -> bool:
        runs = self._text_runs()
        return bool(runs) and all(run.bold for run in runs)

    @property
    def italic(self) -> bool:
        runs = self._text_runs()
        return bool(runs) and all(run.italic for run in runs)

    @property
    def sizes(self) -> set[float | None]:
        return {run.size for run in self._text_runs()}

    @property
    def size(self) -> float | None:
        """The one size of the paragraph's text (None if mixed or unset)."""
        sizes = self.sizes
        return next(iter(sizes)) if len(sizes) == 1 else None

    @property
    def fonts(self) -> set[str | None]:
        return {run.font for run in self._text_runs()}

    @property
    def is_rule(self) -> bool:
        """An empty paragraph drawn as a horizontal line (its top border)."""
        return self.top_border and not self.text.strip()


@dataclass(frozen=True, slots=True)
class TableInfo:
    cells: tuple[tuple[tuple[ParagraphInfo, ...], ...], ...]  # rows → cells → paragraphs
    widths_mm: tuple[float | None, ...]
    borders: bool  # outer/inner borders drawn
    repeat_header: bool

    def cell_text(self, row: int, column: int) -> str:
        return "\n".join(p.text for p in self.cells[row][column])

    def cell(self, row: int, column: int) -> tuple[ParagraphInfo, ...]:
        return self.cells[row][column]


@dataclass(frozen=True, slots=True)
class Page:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    portrait: bool


@dataclass(frozen=True)
class DocumentLayout:
    page: Page
    default_font: str | None
    default_size: float | None
    different_first_page: bool
    first_page_header_text: str
    header_text: str
    header_page_field: bool  # the default (page 2+) header holds a PAGE field
    header_alignment: str
    header_size: float | None
    blocks: list[ParagraphInfo | TableInfo] = field(default_factory=list)
    pictures: int = 0

    @property
    def tables(self) -> list[TableInfo]:
        return [block for block in self.blocks if isinstance(block, TableInfo)]

    def paragraphs(self) -> Iterator[ParagraphInfo]:
        """Every paragraph, body and table cells, in document order."""
        for block in self.blocks:
            if isinstance(block, ParagraphInfo):
                yield block
            else:
                for row in block.cells:
                    for cell in row:
                        yield from cell

    def find(self, text: str) -> ParagraphInfo:
        """The first paragraph whose text starts with ``text`` (KeyError if none)."""
        for paragraph in self.paragraphs():
            if paragraph.text.startswith(text):
                return paragraph
        raise KeyError(text)

    def find_all(self, text: str) -> list[ParagraphInfo]:
        return [p for p in self.paragraphs() if text in p.text]

    def body_paragraphs(self) -> list[ParagraphInfo]:
        return [b for b in self.blocks if isinstance(b, ParagraphInfo) and b.text.strip()]


def _style_value(style: ParagraphStyle | None, name: str) -> object:
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return value
        style = style.base_style
    return None


def _run_info(run: DocxRun, style: ParagraphStyle | None) -> RunInfo:
    font = run.font

    def pick(name: str) -> object:
        value = getattr(font, name)
        return value if value is not None else _style_value(style, name)

    size = pick("size")
    name = pick("name")
    return RunInfo(
        text=run.text,
        font=name if isinstance(name, str) else None,
        size=round(Length(size).pt, 1) if isinstance(size, int) else None,
        bold=bool(pick("bold")),
        italic=bool(pick("italic")),
        underline=bool(pick("underline")),
    )


def _paragraph_info(paragraph: DocxParagraph, where: str) -> ParagraphInfo:
    fmt = paragraph.paragraph_format
    style = paragraph.style if isinstance(paragraph.style, ParagraphStyle) else None
    alignment = fmt.alignment
    if alignment is None and style is not None:
        alignment = style.paragraph_format.alignment
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    top = borders.find(qn("w:top")) if borders is not None else None
    spacing = fmt.line_spacing
    return ParagraphInfo(
        text=paragraph.text,
        alignment=_ALIGNMENTS.get(alignment, "left") if alignment is not None else "left",
        runs=tuple(_run_info(run, style) for run in paragraph.runs),
        first_line_indent_mm=_mm(fmt.first_line_indent),
        left_indent_mm=_mm(fmt.left_indent),
        right_indent_mm=_mm(fmt.right_indent),
        space_after_pt=None if fmt.space_after is None else round(fmt.space_after.pt, 1),
        line_spacing=spacing if isinstance(spacing, float) else None,
        top_border=top is not None and top.get(qn("w:val")) not in (None, "nil", "none"),
        has_picture=bool(paragraph._p.findall(".//" + qn("w:drawing"))),
        where=where,
    )


def _table_info(table: DocxTable, number: int) -> TableInfo:
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            where = f"table {number} row {r} col {c}"
            cells.append(tuple(_paragraph_info(p, where) for p in _cell_paragraphs(cell)))
        rows.append(tuple(cells))
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders")) if tblpr is not None else None
    drawn = borders is not None and any(
        side.get(qn("w:val")) not in (None, "nil", "none") for side in borders
    )
    first = table.rows[0]._tr.trPr if table.rows else None
    repeat = first is not None and first.find(qn("w:tblHeader")) is not None
    widths = tuple(_mm(column.width) for column in table.columns)
    return TableInfo(tuple(rows), widths, drawn, repeat)


def _cell_paragraphs(cell: _Cell) -> list[DocxParagraph]:
    return list(cell.paragraphs)


def _header_has_page_field(paragraphs: list[DocxParagraph]) -> bool:
    for paragraph in paragraphs:
        instructions = "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
        simple = [f.get(qn("w:instr"), "") for f in paragraph._p.iter(qn("w:fldSimple"))]
        if "PAGE" in instructions.split() or any("PAGE" in s.split() for s in simple):
            return True
    return False


def read_layout(document: DocxDocument) -> DocumentLayout:
    section = document.sections[0]
    normal = document.styles["Normal"]
    header = section.header.paragraphs
    header_infos = [_paragraph_info(p, "header") for p in header]
    field_paragraphs = [p for p in header_infos if p.runs]
    blocks: list[ParagraphInfo | TableInfo] = []
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            blocks.append(_table_info(item, tables))
            tables += 1
        else:
            blocks.append(_paragraph_info(item, "body"))
    normal_size = normal.font.size
    return DocumentLayout(
        page=Page(
            width_mm=_mm(section.page_width) or 0,
            height_mm=_mm(section.page_height) or 0,
            top_mm=_mm(section.top_margin) or 0,
            bottom_mm=_mm(section.bottom_margin) or 0,
            left_mm=_mm(section.left_margin) or 0,
            right_mm=_mm(section.right_margin) or 0,
            portrait=(section.page_height or 0) > (section.page_width or 0),
        ),
        default_font=normal.font.name,
        default_size=None if normal_size is None else normal_size.pt,
        different_first_page=section.different_first_page_header_footer,
        first_page_header_text="\n".join(p.text for p in section.first_page_header.paragraphs),
        header_text="\n".join(p.text for p in header),
        header_page_field=_header_has_page_field(header),
        header_alignment=field_paragraphs[0].alignment if field_paragraphs else "left",
        header_size=field_paragraphs[0].runs[0].size if field_paragraphs else None,
        blocks=blocks,
        pictures=len(document.inline_shapes),
    )


def read_docx(data: bytes) -> DocumentLayout:
    """The layout of DOCX ``data``."""
    return read_layout(Document(io.BytesIO(data)))
