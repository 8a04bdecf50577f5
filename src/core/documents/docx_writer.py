"""Render an :class:`OfficialDocument` to DOCX bytes in the NĐ 30/2020/NĐ-CP (Annex I) layout.

A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, black. Page 1
carries the two-column header (governing body and issuer | Quốc hiệu and tiêu ngữ; number and
"V/v" | place and date) and no page number; later pages show the number centred in the header.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from core.documents.issuers import date_line
from core.documents.official import (
    Alignment,
    Block,
    Heading,
    Image,
    OfficialDocument,
    Paragraph,
    Run,
    Signer,
    Table,
)

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)

# Page (mm): A4 portrait and the margins of NĐ 30 (top/bottom 20–25, left 30–35, right 15–20).
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
HEADER_DISTANCE = 10
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
CELL_MARGIN = 1.9  # Word's default left/right cell margin (mm)

# Type sizes in points
BODY = 14
NATIONAL_TITLE = 12  # Quốc hiệu 12 pt → tiêu ngữ 13 pt
MOTTO = 13
ISSUER = 12
NUMBER = 13
LETTER_SUBJECT = 12
PLACE_DATE = 14
KIND_TITLE = 14
SIGNER = 13
SIGNER_NAME = 14
RECIPIENTS_LABEL = 12
RECIPIENTS = 11
PAGE_NUMBER = 13
FIRST_LINE_INDENT = Cm(1.27)
LINE_SPACING = 1.15  # between single and 1.5 lines
PARAGRAPH_GAP = 6  # at least 6 pt between paragraphs

HEADER_COLUMNS = (68.0, 97.0)  # issuer | national title (mm), together TEXT_WIDTH
CLOSING_COLUMNS = (82.0, 83.0)  # Nơi nhận | signature
SIGNATURE_SPACE = 4  # empty lines for the signature and seal

NATIONAL_TITLE_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TEXT = "Độc lập - Tự do - Hạnh phúc"

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}

# Advance widths of Times New Roman Bold (1/1000 em) used to size the rules under centred
# lines; letters with diacritics take their base letter's width.
_BOLD_WIDTHS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ,.-:/0123456789",
        (
            722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
            722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667,
            500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
            556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444,
            250, 250, 250, 333, 333, 278,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
        ),
        strict=True,
    )
)  # fmt: skip


def text_width_mm(text: str, size_pt: float) -> float:
    """Approximate printed width of ``text`` in Times New Roman Bold at ``size_pt``."""
    units = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1]
        units += _BOLD_WIDTHS.get(base, 556)
    return units / 1000 * size_pt * 25.4 / 72


# Elements that follow w:pBdr inside w:pPr (ECMA-376 order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


# --- low-level helpers ----------------------------------------------------------------------------


def _set_fonts(element: BaseOxmlElement) -> None:
    """Times New Roman for every script of a run or style (python-docx sets ascii/hAnsi only)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _run(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    _set_fonts(run._r)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    run.font.color.rgb = BLACK


def _format(
    paragraph: DocxParagraph,
    align: Alignment,
    *,
    indent: Length | None = None,
    before: float = 0,
    after: float = 0,
    spacing: float = 1.0,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = indent
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = spacing


def _line(  # noqa: PLR0913 (one line of furniture has this many settings)
    container: DocxDocument | _Cell,
    text: str,
    size: float,
    align: Alignment = "center",
    *,
    bold: bool = False,
    italic: bool = False,
    before: float = 0,
    after: float = 0,
) -> DocxParagraph:
    """A single-spaced line of furniture (header, titles, signature)."""
    paragraph = container.add_paragraph()
    _format(paragraph, align, before=before, after=after)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _rule(container: DocxDocument | _Cell, width_mm: float, box_mm: float) -> DocxParagraph:
    """A solid horizontal line ``width_mm`` long, centred in a box ``box_mm`` wide.

    Drawn as the top border of an empty paragraph indented from both sides, so Word and
    LibreOffice render it the same and a reader can measure it.
    """
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    side = max(0.0, (box_mm - width_mm) / 2)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def _table_borders(table: DocxTable, value: str) -> None:
    """Set every border of a table to ``value`` ("single" or "nil")."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), value)
        if value != "nil":
            border.set(qn("w:sz"), "4")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        borders.append(border)
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    tblpr.append(borders)


def _fixed_table(
    document: DocxDocument, rows: int, widths_mm: Sequence[float], *, borders: bool
) -> DocxTable:
    table: DocxTable = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    _table_borders(table, "single" if borders else "nil")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def _first_paragraph(cell: _Cell) -> None:
    """Drop the empty paragraph a new cell starts with (content is added after it)."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def _page_number(paragraph: DocxParagraph) -> None:
    """A PAGE field in ``paragraph`` (13 pt, upright)."""

    def fld(kind: str) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(PAGE_NUMBER)
        _set_fonts(run._r)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld("begin")
    instruction = paragraph.add_run()
    instruction.font.size = Pt(PAGE_NUMBER)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    fld("separate")
    _run(paragraph, "2", PAGE_NUMBER)
    fld("end")


# --- the document ---------------------------------------------------------------------------------


def _setup(document: DocxDocument, doc: OfficialDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.header_distance = Mm(HEADER_DISTANCE)
    section.footer_distance = Mm(HEADER_DISTANCE)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # page 1: no number
    header = section.header.paragraphs[0]
    _format(header, "center")
    _page_number(header)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY)
    normal.font.color.rgb = BLACK
    _set_fonts(normal.element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)

    properties = document.core_properties
    properties.title = doc.subject_line
    properties.author = doc.issuer.name or doc.issuer.issuer_line
    properties.language = "vi-VN"


def _header_block(document: DocxDocument, doc: OfficialDocument) -> None:
    table = _fixed_table(document, 2, HEADER_COLUMNS, borders=False)
    left_box = HEADER_COLUMNS[0] - 2 * CELL_MARGIN
    right_box = HEADER_COLUMNS[1] - 2 * CELL_MARGIN
    issuer, national = table.cell(0, 0), table.cell(0, 1)
    _line(issuer, doc.issuer.parent_line, ISSUER)
    for text in doc.issuer.header_lines:
        _line(issuer, text, ISSUER, bold=True)
    widest = max(text_width_mm(text, ISSUER) for text in doc.issuer.header_lines)
    _rule(issuer, min(widest * 0.4, left_box), left_box)  # 1/3–1/2 of the issuer line
    _first_paragraph(issuer)

    _line(national, NATIONAL_TITLE_TEXT, NATIONAL_TITLE, bold=True)
    _line(national, MOTTO_TEXT, MOTTO, bold=True)
    _rule(national, min(text_width_mm(MOTTO_TEXT, MOTTO), right_box), right_box)
    _first_paragraph(national)

    number, dated = table.cell(1, 0), table.cell(1, 1)
    _line(number, doc.number_line, NUMBER, before=6)
    if doc.is_letter:
        _line(number, doc.subject_line, LETTER_SUBJECT, before=3)
    _first_paragraph(number)
    _line(dated, date_line(doc.place_name, doc.date), PLACE_DATE, italic=True, before=6)
    _first_paragraph(dated)


def _title_block(document: DocxDocument, doc: OfficialDocument) -> None:
    if doc.is_letter:
        return
    _line(document, doc.kind.strip().upper(), KIND_TITLE, bold=True, before=18)
    _line(document, doc.subject_line, KIND_TITLE, bold=True)
    width = text_width_mm(doc.subject_line, KIND_TITLE)
    _rule(document, min(max(width / 3, 25.0), 60.0), TEXT_WIDTH)


def _addressees(document: DocxDocument, doc: OfficialDocument) -> None:
    lines = doc.addressee_lines()
    if not lines:
        return
    if len(lines) == 1:
        _line(document, lines[0], BODY, before=12, after=6)
        return
    label = _line(document, "Kính gửi:", BODY, "left", before=12)
    label.paragraph_format.left_indent = Mm(25)
    for text in lines:
        paragraph = _line(document, text, BODY, "left")
        paragraph.paragraph_format.left_indent = Mm(50)
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _paragraph(document: DocxDocument, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    indent = FIRST_LINE_INDENT if block.indent and block.align == "justify" else None
    _format(paragraph, block.align, indent=indent, after=PARAGRAPH_GAP, spacing=LINE_SPACING)
    pieces: Iterable[Run] = block.pieces
    for piece in pieces:
        _run(
            paragraph,
            piece.text,
            BODY,
            bold=piece.bold,
            italic=piece.italic,
            underline=piece.underline,
        )


def _heading(document: DocxDocument, block: Heading) -> None:
    paragraph = document.add_paragraph()
    align: Alignment = "center" if block.centered else "justify"
    indent = None if block.centered else FIRST_LINE_INDENT
    _format(paragraph, align, indent=indent, before=6, after=PARAGRAPH_GAP, spacing=LINE_SPACING)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, block.text, BODY, bold=True, italic=block.level >= 3)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _repeat_header(row_element: BaseOxmlElement) -> None:
    trpr = row_element.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _table(document: DocxDocument, block: Table) -> None:
    if block.caption:
        _line(document, block.caption, BODY - 1, bold=True, before=6, after=3)
    count = len(block.header)
    widths = list(block.widths_mm) or [TEXT_WIDTH / count] * count
    scale = min(1.0, TEXT_WIDTH / sum(widths))
    table = _fixed_table(document, 1 + len(block.rows), [w * scale for w in widths], borders=True)
    _repeat_header(table.rows[0]._tr)
    for column, title in enumerate(block.header):
        cell = table.cell(0, column)
        _line(cell, title, block.font_size, bold=True, before=2, after=2)
        _first_paragraph(cell)
    for index, row in enumerate(block.rows, start=1):
        for column, value in enumerate(row):
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            align: Alignment = "right" if numeric and block.numeric_right else "left"
            cell = table.cell(index, column)
            for number, text in enumerate(_cell_text(value).split("\n") or [""]):
                _line(cell, text, block.font_size, align, before=2 if number == 0 else 0, after=2)
            _first_paragraph(cell)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _image(document: DocxDocument, block: Image) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, "center", before=6, after=3)
    paragraph.add_run().add_picture(io.BytesIO(block.data), width=Mm(min(block.width_mm, 165)))
    if block.caption:
        _line(document, block.caption, BODY - 1, italic=True, after=PARAGRAPH_GAP)


def _body(document: DocxDocument, doc: OfficialDocument) -> None:
    for text in doc.preamble:
        _paragraph(document, Paragraph(text, italic=True))
    for block in doc.body:
        _block(document, block)


def _block(document: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, Heading):
        _heading(document, block)
    elif isinstance(block, Table):
        _table(document, block)
    else:
        _image(document, block)


def _signature(cell: _Cell, signer: Signer) -> None:
    if signer.authority.strip():
        _line(cell, signer.authority.strip().upper(), SIGNER, bold=True)
    _line(cell, signer.title.strip().upper(), SIGNER, bold=True)
    for _ in range(SIGNATURE_SPACE):
        _line(cell, "", SIGNER)
    _line(cell, signer.name.strip(), SIGNER_NAME, bold=True)
    _first_paragraph(cell)


def _closing(document: DocxDocument, doc: OfficialDocument) -> None:
    spacer = document.add_paragraph()
    _format(spacer, "left", after=0)
    table = _fixed_table(document, 1, CLOSING_COLUMNS, borders=False)
    recipients, signature = table.cell(0, 0), table.cell(0, 1)
    _line(recipients, "Nơi nhận:", RECIPIENTS_LABEL, "left", bold=True, italic=True)
    for entry in doc.recipient_lines():
        _line(recipients, entry, RECIPIENTS, "left")
    _first_paragraph(recipients)
    _signature(signature, doc.signer)


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes."""
    document = Document()
    _setup(document, doc)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the template's empty first paragraph
        body.remove(paragraph._p)
    _header_block(document, doc)
    _title_block(document, doc)
    _addressees(document, doc)
    _body(document, doc)
    _closing(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
