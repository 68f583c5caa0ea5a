"""Write a `Digest` as a Word document (tables through `mubiao.export`, which holds the Word page set-up).

python-docx's default template names Latin fonts only; Chinese text needs an
East Asian font set on every style, or LibreOffice and Word fall back to
whatever they find. Headings use the built-in styles (Title, Heading 1/2) so the
document has a real outline: title, 关键词 (Heading 1), 【举措】 (Heading 2).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor

from mubiao.digest.build import Digest
from mubiao.digest.render import target_rows
from mubiao.digest.text import Run
from mubiao.export import RED, add_table, new_doc

def add_runs(doc: DocxDocument, items: Sequence[Run], indent: bool = True) -> None:
    """One paragraph of runs, the bold ones bold (and dark red, like the press pieces)."""
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(22)
    for item in items:
        run = paragraph.add_run(item.text)
        if item.bold:
            run.bold = True
            run.font.color.rgb = RGBColor(*RED)


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
