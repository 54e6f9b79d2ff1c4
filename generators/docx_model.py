"""A .docx as the checker sees it: every piece of text wherever Word put it, each with the
formatting it really has, and every section of the page.

Where: body paragraphs, table cells (a two-column layout table read column by column, as a person
reads it), text boxes (after the paragraph that anchors them), and the page header of the first
page (first in the list: it prints at the top). A paragraph cut by tabs or line breaks ("Số:
12/UBND-VP<tab>Quảng Ngãi, ngày …", "Nơi nhận:<br>- Như trên;") gives one piece per part, each
with its own runs, so each part is checked as the component it is.

Formatting is resolved the way Word resolves it: the run's own property, else its character
style's chain, else the paragraph style's chain, else the document defaults; a font set through
the theme (`minorHAnsi`) is looked up in the theme and named so. A style chain that loops
(`basedOn` back to itself) is cut where it loops.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from pipeline.legacy import convert
from pipeline.readers.docx import _legacy_font
from pipeline.text import collapse, normalize_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4
_JC = {"left": 0, "start": 0, "center": 1, "right": 2, "end": 2, "both": 3, "distribute": 3,
       "lowKashida": 3, "mediumKashida": 3, "highKashida": 3, "thaiDistribute": 3}
_OFF = ("0", "false", "off", "none")
_T, _TAB, _BR, _CR, _R, _P, _TBL = (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:r"),
                                    qn("w:p"), qn("w:tbl"))
_VAL, _RFONTS, _SZ, _U, _COLOR, _HIGHLIGHT = (qn("w:val"), qn("w:rFonts"), qn("w:sz"), qn("w:u"),
                                               qn("w:color"), qn("w:highlight"))
_HANSI, _ASCII, _HANSI_THEME, _ASCII_THEME = (qn("w:hAnsi"), qn("w:ascii"), qn("w:hAnsiTheme"),
                                              qn("w:asciiTheme"))
_TOGGLES = {qn("w:b"): "bold", qn("w:i"): "italic", qn("w:caps"): "caps"}
_RPR, _PPR, _RSTYLE, _VANISH, _TXBX = (qn("w:rPr"), qn("w:pPr"), qn("w:rStyle"), qn("w:vanish"),
                                       qn("w:txbxContent"))
_NOBREAK = qn("w:noBreakHyphen")
_GRAPHICS = {qn("w:drawing"), qn("w:pict"), qn("w:object")}
_BREAKS = {_TAB, _BR, _CR, qn("w:ptab")}
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delInstrText"),
         f"{{{MC}}}Fallback", qn("w:pPr"), qn("w:rPr")}
_LINE_SHAPES = re.compile(r'prst="(line|straightConnector1)"|<v:line\b|<o:hr\b|o:hr="t"|'
                          r'<wps:cNvCnPr|<pic:pic\b.*?</pic:pic>', re.S)


@dataclass
class RunFormat:
    text: str
    font: str | None               # the font that prints Vietnamese letters (hAnsi), resolved
    size: float | None
    bold: bool
    italic: bool
    underline: bool
    caps: bool = False
    color: str | None = None       # hex, None or "auto" when black by default
    highlight: str | None = None
    element: object = None         # the w:r, for --fix


@dataclass
class Para:
    index: int
    text: str                      # NFC, inner whitespace collapsed
    where: str                     # "body", "table", "box", "page-header"
    alignment: int | None          # 0 left, 1 centre, 2 right, 3 justified
    first_line_indent_mm: float | None
    space_after_pt: float | None
    runs: list[RunFormat] = field(default_factory=list)
    paragraph: object = None       # the w:p element, for --fix
    has_bottom_border: bool = False
    has_top_border: bool = False
    boxed: bool = False            # a border on every side, a frame, or inside a text box
    line_shape: bool = False       # a drawn line (shape, VML line, horizontal rule) anchored here
    space_before_pt: float | None = None
    line_rule: str = "auto"        # auto | exact | atLeast
    line_value: float | None = None  # lines (auto) or points (exact, atLeast)
    cell: tuple | None = None      # (table number, row, column, columns in the row)
    section: int = 0
    part: int = 0                  # which piece of its paragraph (tabs, line breaks)
    whole: bool = True             # the piece is the whole paragraph
    lead_spaces: int = 0           # spaces or tabs typed before the text (centring by hand)
    after_tab: bool = False        # the piece follows a tab: a second column typed beside

    def main(self) -> RunFormat | None:
        """The formatting most of the piece's text has."""
        runs = [r for r in self.runs if r.text.strip()]
        return max(runs, key=lambda r: len(r.text.strip())) if runs else None

    def all(self, attribute: str) -> set:
        return {getattr(r, attribute) for r in self.runs if r.text.strip()}

    def shown(self) -> str:
        """The text as printed: capitals where the run's formatting makes capitals."""
        if not any(r.caps for r in self.runs):
            return self.text
        return collapse("".join(r.text.upper() if r.caps else r.text for r in self.runs))


@dataclass
class Section:
    number: int                    # from 1
    width_mm: float | None
    height_mm: float | None
    landscape: bool
    margins_mm: dict               # top, bottom, left, right
    title_page: bool
    header_xml: str                # the default page header's XML ("" when none)
    first: int = 0                 # its paragraphs: indexes first … last
    last: int = -1
    table_share: float = 0.0       # how much of its text sits in tables


@dataclass
class Model:
    document: object
    paras: list[Para]
    sections: list[Section]
    alt_chunks: list[str]          # parts Word pastes in when it opens the file: not checkable


_STYLE_START = re.compile(rb'<w:style\b([^>]*)>')
_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')


class _StyleSource:
    """styles.xml, each style parsed when asked for: Word's own templates hold hundreds of
    styles (350 KB) of which a document uses a few."""

    def __init__(self, raw: bytes):
        start = re.search(rb"<w:styles\b[^>]*>", raw)
        self.opening = start.group(0) if start else (
            f'<w:styles xmlns:w="{W}">'.encode())
        self.raw = raw
        self.spans: dict = {}
        self.default_paragraph = None
        for match in _STYLE_START.finditer(raw):
            ident = _STYLE_ID.search(match.group(1))
            if ident:
                key = ident.group(1).decode("utf-8", "replace")
                self.spans.setdefault(key, match.start())
                attributes = match.group(1)
                if self.default_paragraph is None and b'w:type="paragraph"' in attributes and (
                        b'w:default="1"' in attributes or b'w:default="true"' in attributes):
                    self.default_paragraph = key
        self.parsed: dict = {}

    def _parse(self, chunk: bytes):
        from pipeline.readers.docx import _SAFE_XML
        try:
            return etree.fromstring(self.opening + chunk + b"</w:styles>", _SAFE_XML)[0]
        except (etree.XMLSyntaxError, IndexError):
            return None

    def style(self, style_id: str):
        if style_id not in self.parsed:
            start = self.spans.get(style_id)
            end = self.raw.find(b"</w:style>", start) if start is not None else -1
            self.parsed[style_id] = self._parse(self.raw[start:end + 10]) if end > 0 else None
        return self.parsed[style_id]

    def defaults(self):
        found = re.search(rb"<w:docDefaults>.*?</w:docDefaults>", self.raw, re.S)
        return self._parse(found.group(0)) if found else None


class _ElementStyles:
    """The same questions asked of a styles element already parsed (python-docx's)."""

    def __init__(self, element):
        by_id = {s.get(qn("w:styleId")): s for s in element.findall(qn("w:style"))}
        self.style = by_id.get
        self.defaults = lambda: element.find(qn("w:docDefaults"))
        self.default_paragraph = next(
            (i for i, s in by_id.items() if s.get(qn("w:type")) == "paragraph"
             and s.get(qn("w:default")) in ("1", "true")), None)


class _Parts:
    """The parts the model reads — main body, styles, theme, numbering, parts by relationship
    id — straight from the zip (fast), or from a python-docx Document (for --fix, which edits
    and saves that document's elements)."""

    def __init__(self, data: bytes, document=None):
        self.document = document
        if document is not None:
            part = document.part
            self.body = document.element.body
            self.styles = _ElementStyles(document.styles.element)
            self.rels = {rid: (rel.reltype.rsplit("/", 1)[-1], rel) for rid, rel in
                         part.rels.items()}
            return
        from pipeline.readers.docx import REL, _Package
        self.package = package = _Package(data)
        main = next((name for kind, name in package.rels("") if kind == "officeDocument"),
                    "word/document.xml")
        if main not in package.names:
            raise ValueError("not a Word document (no word/document.xml inside)")
        self.body = package.xml(main).find(qn("w:body"))
        folder, base = main.rsplit("/", 1)
        rels_name = f"{folder}/_rels/{base}.rels"
        self.rels = {}
        if rels_name in package.names:
            for rel in package.xml(rels_name).iter(f"{{{REL}}}Relationship"):
                target = rel.get("Target", "")
                name = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
                self.rels[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        styles = next((name for kind, name in self.rels.values() if kind == "styles"), None)
        self.styles = _StyleSource(package.raw(styles) if styles in package.names else b"")

    def root(self, rid: str | None):
        """The root element of a related part (a header, the numbering), or None."""
        kind, target = self.rels.get(rid, (None, None))
        if target is None:
            return None
        if self.document is not None:
            part = target.target_part if not target.is_external else None
            return getattr(part, "element", None) if part is not None else None
        return self.package.xml(target) if target in self.package.names else None

    def blob(self, rid: str) -> bytes | None:
        kind, target = self.rels.get(rid, (None, None))
        if target is None:
            return None
        if self.document is not None:
            return None if target.is_external else target.target_part.blob
        return self.package.zip.read(target) if target in self.package.names else None

    def of_kind(self, kind: str) -> str | None:
        return next((rid for rid, (k, _) in self.rels.items() if k == kind), None)

    def target(self, rid: str) -> str:
        kind, target = self.rels.get(rid, (None, None))
        if target is None:
            return "?"
        return target.target_ref if self.document is not None else target


def _on(node) -> bool | None:
    if node is None:
        return None
    return node.get(qn("w:val")) not in _OFF


def _twips(node, attribute: str) -> float | None:
    value = node.get(qn(f"w:{attribute}")) if node is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class _Styles:
    """Properties of styles, each chain resolved once; a loop in basedOn is cut."""

    def __init__(self, styles, theme_fonts: dict):
        self.source = styles
        self.theme = theme_fonts
        defaults = styles.defaults()
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None \
            else None
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None \
            else None
        self.run_defaults = {"font": None, "size": 10.0, "bold": False, "italic": False,
                             "underline": False, "caps": False, "color": None,
                             "highlight": None, **self.rpr(rpr)}
        self.para_defaults = {"jc": None, "first": None, "before": 0.0,
                              "after": 0.0, "line": 240.0, "rule": "auto", "bottom": False,
                              "top": False, "box": False, **self.ppr(ppr)}
        self.default_paragraph = styles.default_paragraph
        self.cache: dict = {}

    def chain(self, style_id: str | None) -> list:
        """The style and its bases, base first; a loop or a missing base ends the chain."""
        seen, chain = set(), []
        while style_id and style_id not in seen and (style := self.source.style(
                style_id)) is not None:
            seen.add(style_id)
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain[::-1]

    def rpr(self, rpr) -> dict:
        """The run properties an rPr sets, in one pass over its children."""
        if rpr is None:
            return {}
        values = {}
        for child in rpr:
            tag = child.tag
            if tag == _RFONTS:
                theme = child.get(_HANSI_THEME) or child.get(_ASCII_THEME)
                name = child.get(_HANSI) or child.get(_ASCII)
                if theme:  # a theme font wins over a named one on the same element
                    typeface = self.theme.get("major" if theme.startswith("major") else "minor")
                    values["font"] = f"{typeface or '?'} (phông theme {theme})"
                elif name:
                    values["font"] = name
            elif tag == _SZ:
                try:
                    values["size"] = int(child.get(_VAL)) / 2
                except (TypeError, ValueError):
                    pass
            elif tag in _TOGGLES:
                values[_TOGGLES[tag]] = child.get(_VAL) not in _OFF
            elif tag == _U:
                values["underline"] = child.get(_VAL) not in (*_OFF, None)
            elif tag == _COLOR:
                values["color"] = child.get(_VAL)
            elif tag == _HIGHLIGHT:
                values["highlight"] = child.get(_VAL)
        return values

    def ppr(self, ppr) -> dict:
        if ppr is None:
            return {}
        values = {}
        jc = ppr.find(qn("w:jc"))
        if jc is not None:
            values["jc"] = jc.get(qn("w:val"))
        ind = ppr.find(qn("w:ind"))
        if ind is not None:
            first, hanging = _twips(ind, "firstLine"), _twips(ind, "hanging")
            if first is not None or hanging is not None:
                values["first"] = first if first is not None else -hanging
        spacing = ppr.find(qn("w:spacing"))
        if spacing is not None:
            for attribute, key in (("before", "before"), ("after", "after"), ("line", "line")):
                number = _twips(spacing, attribute)
                if number is not None:
                    values[key] = number
            if spacing.get(qn("w:lineRule")):
                values["rule"] = spacing.get(qn("w:lineRule"))
            elif "line" in values:
                values["rule"] = "auto"
        borders = ppr.find(qn("w:pBdr"))
        if borders is not None:
            sides = {side: (node := borders.find(qn(f"w:{side}"))) is not None
                     and node.get(qn("w:val")) not in ("nil", "none")
                     for side in ("top", "bottom", "left", "right")}
            values["bottom"], values["top"] = sides["bottom"], sides["top"]
            values["box"] = all(sides.values())
        if ppr.find(qn("w:framePr")) is not None:
            values["box"] = True
        return values

    def paragraph_values(self, style_id: str | None) -> tuple[dict, dict]:
        """(paragraph properties, run properties) a paragraph style gives, defaults included."""
        key = ("p", style_id)
        if key not in self.cache:
            para, run = dict(self.para_defaults), dict(self.run_defaults)
            for style in self.chain(style_id):
                para.update(self.ppr(style.find(qn("w:pPr"))))
                run.update(self.rpr(style.find(qn("w:rPr"))))
            self.cache[key] = para, run
        return self.cache[key]

    def character_values(self, style_id: str | None) -> dict:
        key = ("r", style_id)
        if key not in self.cache:
            run: dict = {}
            for style in self.chain(style_id):
                run.update(self.rpr(style.find(qn("w:rPr"))))
            self.cache[key] = run
        return self.cache[key]


def _theme_fonts(parts: _Parts) -> dict:
    """{"major": typeface, "minor": typeface} of the theme's Latin fonts."""
    rid = parts.of_kind("theme")
    blob = parts.blob(rid) if rid else None
    if not blob:
        return {}
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if latin is not None:
            fonts[kind] = latin.get("typeface")
    return fonts


def _bullets(parts: _Parts) -> dict:
    """{(numId, ilvl): bullet text} for list levels that print a bullet ("-", "–", "+")."""
    rid = parts.of_kind("numbering")
    numbering = parts.root(rid) if rid else None
    if numbering is None:
        return {}
    abstract = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in node.findall(qn("w:lvl")):
            fmt, text = level.find(qn("w:numFmt")), level.find(qn("w:lvlText"))
            if fmt is not None and fmt.get(qn("w:val")) == "bullet" and text is not None:
                levels[level.get(qn("w:ilvl"))] = text.get(qn("w:val"), "")
        abstract[node.get(qn("w:abstractNumId"))] = levels
    bullets = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        for ilvl, text in abstract.get(ref.get(qn("w:val")) if ref is not None else None,
                                       {}).items():
            if text.strip() in ("-", "–", "+", "−"):
                bullets[num.get(qn("w:numId")), ilvl] = "- " if text.strip() != "+" else "+ "
    return bullets


class _Reader:
    def __init__(self, parts: _Parts):
        self.theme = _theme_fonts(parts)
        self.styles = _Styles(parts.styles, self.theme)
        self.bullets = _bullets(parts)
        self.paras: list[Para] = []
        self.section = 0
        self.tables = 0

    # --- one paragraph -------------------------------------------------------------------
    def paragraph(self, p, where: str, cell=None) -> list:
        """Add the paragraph's pieces; return the text boxes it anchors."""
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else self.styles.default_paragraph
        pvalues, rvalues = self.styles.paragraph_values(style_id)
        pv = {**pvalues, **self.styles.ppr(ppr)}
        pieces: list[list] = [[]]
        tabbed: list[bool] = [False]   # does each piece follow a tab (not a line break)?
        leading = [0]                  # tabs typed before the first piece's text
        boxes: list = []
        line_shape = False

        def walk(node, run_values=None, legacy=None):
            nonlocal line_shape
            for child in node:
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                if tag == _R:
                    rpr = child.find(_RPR)
                    if rpr is not None and _on(rpr.find(_VANISH)):
                        continue
                    char = rpr.find(_RSTYLE) if rpr is not None else None
                    values = {**rvalues, **self.styles.character_values(
                        char.get(_VAL) if char is not None else None),
                        **self.styles.rpr(rpr)}
                    walk(child, (values, child), _legacy_font(child))
                elif tag == _T:
                    text = child.text or ""
                    if legacy:
                        text = convert(text, *legacy)
                    values, element = run_values or (rvalues, None)
                    pieces[-1].append(RunFormat(
                        text, values["font"], values["size"], values["bold"], values["italic"],
                        values["underline"], values["caps"], values["color"],
                        values["highlight"], element))
                elif tag in _BREAKS:
                    if tag == _BR and child.get(qn("w:type")) == "page":
                        continue
                    if any(r.text.strip() for r in pieces[-1]):
                        pieces.append([])
                        tabbed.append(tag != _BR and tag != _CR)
                    elif len(pieces) == 1 and tag != _BR:
                        leading[0] += 4
                elif tag == _NOBREAK:
                    values, element = run_values or (rvalues, None)
                    pieces[-1].append(RunFormat("-", values["font"], values["size"],
                                                values["bold"], values["italic"],
                                                values["underline"], element=element))
                elif tag == _TXBX:
                    boxes.append(child)
                elif tag == f"{{{MC}}}AlternateContent":
                    choice = next(iter(child), None)
                    if choice is not None:
                        walk(choice, run_values, legacy)
                elif tag in _GRAPHICS:
                    if _LINE_SHAPES.search(etree.tostring(child, encoding="unicode")[:4000]) \
                            and not child.findall(f".//{qn('w:txbxContent')}"):
                        line_shape = True
                    walk(child, run_values, legacy)
                else:
                    walk(child, run_values, legacy)

        walk(p)
        num = ppr.find(f"{qn('w:numPr')}") if ppr is not None else None
        bullet = None
        if num is not None:
            num_id, ilvl = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
            bullet = self.bullets.get((num_id.get(qn("w:val")) if num_id is not None else None,
                                       ilvl.get(qn("w:val")) if ilvl is not None else "0"))
        kept = [n for n, piece in enumerate(pieces) if any(r.text.strip() for r in piece)] or [0]
        pieces, tabbed = [pieces[n] for n in kept], [tabbed[n] for n in kept]
        if bullet and pieces[0]:
            first = pieces[0][0]
            pieces[0].insert(0, RunFormat(bullet, first.font, first.size, False, False, False,
                                          element=None))
        jc = pv["jc"]
        alignment = _JC.get(jc, 0) if jc else 0
        rule = pv["rule"] or "auto"
        line = pv["line"]
        line_value = (line / 240 if rule == "auto" else line / 20) if line is not None else None
        for n, piece in enumerate(pieces):
            raw = "".join(r.text for r in piece)
            text = collapse(normalize_line(raw))
            self.paras.append(Para(
                len(self.paras), text, where, alignment,
                pv["first"] / TWIPS_PER_MM if pv["first"] is not None else None,
                pv["after"] / 20 if pv["after"] is not None else None,
                piece, p, bool(pv["bottom"]), bool(pv["top"]), bool(pv["box"]) or where == "box",
                line_shape or bool(re.fullmatch(r"_{5,}|-{15,}", text)),
                pv["before"] / 20 if pv["before"] is not None else None, rule, line_value,
                cell, self.section, n, len(pieces) == 1,
                len(raw) - len(raw.lstrip()) + (leading[0] if n == 0 else 0), tabbed[n]))
        return boxes

    # --- containers ----------------------------------------------------------------------
    def block(self, container, where: str, cell=None) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                boxes = self.paragraph(child, where, cell)
                for box in boxes:
                    self.block(box, "box")
                sectpr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                if sectpr is not None and where == "body":
                    self.section += 1
            elif tag == _TBL:
                self.table(child, where)
            elif tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"),
                         qn("w:smartTag")):
                self.block(child, where, cell)

    def table(self, tbl, where: str) -> None:
        """A layout table (a few rows of the same few cells: the header, the signature beside
        Nơi nhận) is read column by column, band by band, as a person reads the page; a data
        table row by row."""
        self.tables += 1
        number = self.tables
        inner = "table" if where in ("body", "table") else where
        rows = [list(tr.iterchildren(qn("w:tc"))) for tr in tbl.iterchildren(qn("w:tr"))]
        band: list[tuple[int, list]] = []

        def flush():
            if band:
                width = len(band[0][1])
                for column in range(width):
                    for r, cells in band:
                        self.block(cells[column], inner, (number, r, column, width))
            band.clear()

        layout = len(rows) <= 12
        for r, cells in enumerate(rows):
            if layout and 2 <= len(cells) <= 4 and (not band or len(band[0][1]) == len(cells)):
                band.append((r, cells))
                continue
            flush()
            if layout and 2 <= len(cells) <= 4:
                band.append((r, cells))
                continue
            for column, tc in enumerate(cells):
                self.block(tc, inner, (number, r, column, len(cells)))
        flush()


def _section(number: int, sectpr, parts: _Parts) -> Section:
    size = sectpr.find(qn("w:pgSz")) if sectpr is not None else None
    margins = sectpr.find(qn("w:pgMar")) if sectpr is not None else None
    width, height = _twips(size, "w"), _twips(size, "h")
    landscape = (size is not None and size.get(qn("w:orient")) == "landscape") or bool(
        width and height and width > height)
    mm = {side: abs(value) / TWIPS_PER_MM if (value := _twips(margins, side)) is not None
          else None for side in ("top", "bottom", "left", "right")}
    header_xml = ""
    if sectpr is not None:
        for ref in sectpr.findall(qn("w:headerReference")):
            if ref.get(qn("w:type"), "default") == "default":
                root = parts.root(ref.get(qn("r:id")))
                if root is not None:
                    header_xml = etree.tostring(root, encoding="unicode")
    title_page = sectpr is not None and bool(_on(sectpr.find(qn("w:titlePg"))))
    return Section(number, width / TWIPS_PER_MM if width else None,
                   height / TWIPS_PER_MM if height else None, landscape, mm, title_page,
                   header_xml)


def _first_page_header(parts: _Parts, sectpr, reader: _Reader) -> None:
    """The paragraphs of the page header printed on page 1 (first-page one when titlePg)."""
    if sectpr is None:
        return
    wanted = "first" if _on(sectpr.find(qn("w:titlePg"))) else "default"
    for ref in sectpr.findall(qn("w:headerReference")):
        if ref.get(qn("w:type"), "default") == wanted:
            root = parts.root(ref.get(qn("r:id")))
            if root is not None:
                reader.block(root, "page-header")


def read_model(data: bytes, editable: bool = False) -> Model:
    """The document's pieces of text in reading order, its sections and what cannot be checked.
    `editable`: read through python-docx, whose elements --fix changes and saves."""
    document = Document(io.BytesIO(data)) if editable else None
    parts = _Parts(data, document)
    reader = _Reader(parts)
    body = parts.body
    if body is None:
        raise ValueError("not a Word document (no body)")
    sectprs = [p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for p in body.iterchildren(_P)]
    sectprs = [s for s in sectprs if s is not None] + [body.find(qn("w:sectPr"))]
    _first_page_header(parts, sectprs[0], reader)
    header_count = len(reader.paras)
    reader.block(body, "body")
    alt_chunks = [parts.target(chunk.get(qn("r:id"))) for chunk in body.iter(qn("w:altChunk"))]
    sections = [_section(n + 1, s, parts) for n, s in enumerate(sectprs)]
    for section in sections:
        section.first, section.last = len(reader.paras), -1
    for para in reader.paras[header_count:]:
        section = sections[min(para.section, len(sections) - 1)]
        section.first = min(section.first, para.index)
        section.last = max(section.last, para.index)
    for section in sections:
        texts = reader.paras[section.first:section.last + 1]
        total = sum(len(p.text) for p in texts) or 1
        section.table_share = sum(len(p.text) for p in texts if p.cell) / total
    return Model(document, reader.paras, sections, alt_chunks)
