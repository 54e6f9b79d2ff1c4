"""A .docx as the checker sees it: paragraphs in reading order, each with where it sits and the
formatting it really has.

Formatting is resolved the way Word resolves it: a run's own property, else its character
style's (and that style's bases), else the paragraph style's chain, else the document
defaults. Paragraphs come in the order the reader (pipeline/readers/docx.py) gives text, so the
parser's record and these paragraphs line up by text.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document
from docx.oxml.ns import qn

from pipeline.text import collapse, normalize_line

W_FONT_ATTRS = ("ascii", "hAnsi")


@dataclass
class RunFormat:
    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    underline: bool


@dataclass
class Para:
    index: int
    text: str                      # NFC, inner whitespace collapsed
    where: str                     # "body", "header-left", "closing-right", …
    alignment: int | None          # WD_ALIGN_PARAGRAPH value, resolved through styles
    first_line_indent_mm: float | None
    space_after_pt: float | None
    runs: list[RunFormat] = field(default_factory=list)
    paragraph: object = None       # the python-docx paragraph, for --fix
    has_bottom_border: bool = False

    def main(self) -> RunFormat | None:
        """The formatting most of the paragraph's text has."""
        runs = [r for r in self.runs if r.text.strip()]
        return max(runs, key=lambda r: len(r.text)) if runs else None

    def all(self, attribute: str) -> set:
        return {getattr(r, attribute) for r in self.runs if r.text.strip()}


def _on(element, tag: str) -> bool | None:
    """A toggle property (w:b, w:i) set on an rPr: True, False, or None when absent."""
    if element is None:
        return None
    node = element.find(qn(f"w:{tag}"))
    if node is None:
        return None
    return node.get(qn("w:val")) not in ("0", "false", "off")


def _rpr_values(rpr) -> dict:
    if rpr is None:
        return {}
    values = {}
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None and fonts.get(qn("w:ascii")):
        values["font"] = fonts.get(qn("w:ascii"))
    size = rpr.find(qn("w:sz"))
    if size is not None and size.get(qn("w:val")):
        values["size"] = int(size.get(qn("w:val"))) / 2
    for tag, key in (("b", "bold"), ("i", "italic")):
        state = _on(rpr, tag)
        if state is not None:
            values[key] = state
    underline = rpr.find(qn("w:u"))
    if underline is not None:
        values["underline"] = underline.get(qn("w:val")) not in ("none", None)
    return values


class _Styles:
    """Style chains, resolved once per style id."""

    def __init__(self, document):
        self.by_id = {s.get(qn("w:styleId")): s
                      for s in document.styles.element.findall(qn("w:style"))}
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.defaults = {"font": None, "size": 10.0, "bold": False, "italic": False,
                         "underline": False, **_rpr_values(rpr)}
        self.default_paragraph = next(
            (i for i, s in self.by_id.items() if s.get(qn("w:type")) == "paragraph"
             and s.get(qn("w:default")) in ("1", "true")), None)
        self.cache: dict = {}

    def run_values(self, style_id: str | None) -> dict:
        """Run properties a style gives, its bases' under its own."""
        if not style_id or style_id not in self.by_id:
            return {}
        if ("r", style_id) not in self.cache:
            style = self.by_id[style_id]
            based = style.find(qn("w:basedOn"))
            values = self.run_values(based.get(qn("w:val"))) if based is not None else {}
            self.cache["r", style_id] = {**values, **_rpr_values(style.find(qn("w:rPr")))}
        return self.cache["r", style_id]

    def alignment(self, style_id: str | None):
        if not style_id or style_id not in self.by_id:
            return None
        style = self.by_id[style_id]
        jc = style.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        if jc is not None:
            return jc.get(qn("w:val"))
        based = style.find(qn("w:basedOn"))
        return self.alignment(based.get(qn("w:val"))) if based is not None else None


_JC = {"left": 0, "start": 0, "center": 1, "right": 2, "end": 2, "both": 3, "distribute": 3}


def _paragraph(paragraph, index: int, where: str, styles: _Styles) -> Para:
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else \
        styles.default_paragraph
    paragraph_values = {**styles.defaults, **styles.run_values(style_id)}
    runs = []
    for run in paragraph.runs:
        rpr = run._r.rPr
        char_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        values = {**paragraph_values,
                  **styles.run_values(char_style.get(qn("w:val")) if char_style is not None
                                      else None),
                  **_rpr_values(rpr)}
        runs.append(RunFormat(run.text, values["font"], values["size"], values["bold"],
                              values["italic"], values["underline"]))
    jc = ppr.jc if ppr is not None else None
    alignment = _JC.get(jc.val if isinstance(jc.val, str) else None) if jc is not None else None
    if jc is not None and alignment is None:
        alignment = int(jc.val)
    if alignment is None:
        alignment = _JC.get(styles.alignment(style_id) or "left", 0)
    fmt = paragraph.paragraph_format
    indent = fmt.first_line_indent.mm if fmt.first_line_indent is not None else None
    after = fmt.space_after.pt if fmt.space_after is not None else None
    border = ppr is not None and ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    return Para(index, collapse(normalize_line(paragraph.text)), where, alignment, indent, after,
                runs, paragraph, border)


def read_model(data: bytes):
    """(document, [Para …]) of a .docx, in the reader's order."""
    document = Document(io.BytesIO(data))
    styles = _Styles(document)
    paras: list[Para] = []
    tables_seen = 0
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paras.append(_paragraph(Paragraph(child, document), len(paras), "body", styles))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            tables_seen += 1
            role = "header" if tables_seen == 1 and not any(p.text for p in paras) else "table"
            rows = table.rows
            if len(table.columns) == 2:
                for column, side in ((0, "left"), (1, "right")):
                    for row in rows:
                        for paragraph in row.cells[column].paragraphs:
                            paras.append(_paragraph(paragraph, len(paras), f"{role}-{side}",
                                                    styles))
            else:
                for row in rows:
                    for cell in row.cells:
                        for paragraph in cell.paragraphs:
                            paras.append(_paragraph(paragraph, len(paras), role, styles))
    return document, paras
