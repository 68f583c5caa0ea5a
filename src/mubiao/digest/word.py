"""Write a `Digest` (and, for `mubiao.digest.table`, any table) as a Word document.

python-docx's default template names Latin fonts only; Chinese text needs an
East Asian font set on every style, or LibreOffice and Word fall back to
whatever they find. Headings use the built-in styles (Title, Heading 1/2) so the
document has a real outline: title, 关键词 (Heading 1), 【举措】 (Heading 2).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from mubiao.digest.build import Digest
from mubiao.digest.render import target_rows
from mubiao.digest.text import Run

#: East Asian fonts, first found wins in LibreOffice (fonts-noto-cjk) and Word (SimSun/SimHei).
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
RED = RGBColor(0xB2, 0x22, 0x22)


def new_doc(landscape: bool = False) -> DocxDocument:
    """An A4 document whose styles name Chinese fonts and black headings."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    _font(doc.styles["Normal"], SERIF, Pt(11))
    for name, size in (("Title", Pt(20)), ("Heading 1", Pt(15)), ("Heading 2", Pt(12))):
        style = doc.styles[name]
        _font(style, SANS, size)
        style.font.color.rgb = RGBColor(0, 0, 0) if name != "Heading 1" else RED
        style.font.bold = True
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def _font(style: object, name: str, size: Pt) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = size
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def add_runs(doc: DocxDocument, items: Sequence[Run], indent: bool = True) -> None:
    """One paragraph of runs, the bold ones bold (and dark red, like the press pieces)."""
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(22)
    for item in items:
        run = paragraph.add_run(item.text)
        if item.bold:
            run.bold = True
            run.font.color.rgb = RED


def add_table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    """A grid table with a bold header row repeated on every page; widths in cm."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        _shade(cell, "E8E8E8")
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    table.autofit = False  # LibreOffice follows the grid widths only when autofit is off
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _shade(cell: object, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    properties.append(mark)


def digest_docx(digest: Digest) -> DocxDocument:
    """The digest as a Word document: Title, lead, Heading 1 关键词, Heading 2 【举措】, target table."""
    w = digest.words
    doc = new_doc()
    doc.core_properties.title = digest.title
    doc.add_heading(digest.title, level=0)
    if digest.lead:
        add_runs(doc, [Run(digest.lead)])
    if digest.goals:
        doc.add_heading(w["goals"], level=1)
        for block in digest.goals:
            add_runs(doc, block)
    for kw in digest.keywords:
        doc.add_heading(digest.keyword_title(kw), level=1)
        for n, measure in enumerate(kw.measures, 1):
            doc.add_heading(digest.measure_title(n, measure), level=2)
            if measure.body:
                add_runs(doc, measure.body)
    if digest.targets:
        doc.add_heading(w["targets"], level=1)
        rows = [[str(n), *row] for n, row in enumerate(target_rows(digest), 1)]
        add_table(doc, w["target_columns"], rows, (1.3, 3.6, 2.7, 1.3, 7.7))
    return doc


def write_digest_docx(digest: Digest, path: str | os.PathLike[str]) -> Path:
    """Save the digest as DOCX at `path`."""
    target = Path(path)
    digest_docx(digest).save(str(target))
    return target
