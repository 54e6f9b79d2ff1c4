"""Word .docx: body paragraphs and tables in order, text boxes, footnotes, page headers and footers.

Real office files carry text where a plain reading misses it: list labels ("1.", "a)", "-")
that exist only in the numbering part (`w:numPr`), which we render back in front of their
paragraphs; field results (a number or date typed into a field), kept while the field codes
go; hidden text, left out as Word leaves it off the page; and layout tables with a spacer
column or merged cells, read column by column so each header column stays its own piece.

Read straight from the package XML (zip + lxml) rather than through python-docx: it is several
times faster, it sees text boxes and footnotes, and it lets us refuse hostile packages (entity
expansion, zip bombs, parts pointing outside the package) before parsing them.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from pipeline import limits
from pipeline.legacy import convert
from pipeline.text import Text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731 - a tag builder reads better than a def here

MAX_RATIO = 200  # a zip entry expanding more than this is a bomb, not a document
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                            huge_tree=False, remove_comments=True)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Subtrees whose text is not part of the document as it reads now.
_SKIPPED = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delInstrText"),
            f"{{{MC}}}Fallback"}


class _Package:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise ValueError("not a valid .docx (the zip container is damaged)")
        self.names = set(self.zip.namelist())

    def xml(self, name: str):
        try:
            return etree.fromstring(self.raw(name), _SAFE_XML)
        except etree.XMLSyntaxError as err:
            raise ValueError(f"damaged XML in {name} ({err.msg})")

    def raw(self, name: str) -> bytes:
        """A part's bytes, refused past the size limits (a zip bomb, an oversized part)."""
        try:
            return self._raw(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError) as err:  # bad CRC or deflate data, unknown compression, encryption
            raise ValueError(f"damaged zip entry {name} ({err})")

    def _raw(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        if refusal := limits.PART_MB.refuses_bytes(info.file_size, f"part {name} unpacked"):
            raise ValueError(refusal)
        if (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 10 * 1024 * 1024):
            raise ValueError(f"part {name} unpacks {info.file_size // info.compress_size} "
                             f"times larger than it is packed (a zip bomb)")
        with self.zip.open(name) as handle:  # reads no more than the size declared
            return handle.read(limits.PART_MB.bytes + 1)

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type, target part) pairs of a part, internal targets inside the package only."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return []
        found = []
        for rel in self.xml(rels_name).iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            if name in self.names:  # a target outside the package is ignored, never followed
                found.append((rel.get("Type", "").rsplit("/", 1)[-1], name))
        return found


def _legacy_font(run) -> tuple[str, bool] | None:
    """(encoding, draws capitals) for a run set in a TCVN3 (.VnTime, .VnTimeH…) or VNI font."""
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}")
    name = (fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or "") if fonts is not None else ""
    if name.startswith(".Vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith("VNI"):
        return "vni", False
    return None


def _val(node, tag: str, default: str | None = None) -> str | None:
    found = node.find(_w(tag)) if node is not None else None
    return found.get(_w("val"), default) if found is not None else default


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _counted(value: int, style: str) -> str:
    """A counter in one of Word's number formats (w:numFmt)."""
    if style in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if style == "upperLetter" else letter
    if style in ("lowerRoman", "upperRoman"):
        roman, rest = "", value
        for amount, numeral in _ROMAN:
            while rest >= amount:
                roman, rest = roman + numeral, rest - amount
        return roman.upper() if style == "upperRoman" else roman
    if style == "decimalZero":
        return f"{value:02d}"
    return "" if style == "none" else str(value)


def _bullet(symbol: str) -> str:
    """A bullet as a clerk types it: "+" stays, every other mark (often a Symbol-font glyph
    in the private use area) is the dash Vietnamese documents use."""
    return "+" if symbol.strip() == "+" else "-"


class _Numbering:
    """List labels of numbered paragraphs, counted in document order the way Word counts them:
    one counter per list definition (abstractNum) and level, shared by the lists (num) built on
    it unless one restarts it (startOverride); a level restarts below a higher one."""

    def __init__(self, numbering, styles):
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in numbering.iterchildren(_w("abstractNum")) if numbering is not None else ():
            abstract[definition.get(_w("abstractNumId"))] = {
                int(lvl.get(_w("ilvl"), "0")): self._level(lvl)
                for lvl in definition.iterchildren(_w("lvl"))}
        # numId -> (abstractNumId, its levels with overrides, the levels it restarts)
        self.lists: dict[str, tuple[str, dict, dict[int, int]]] = {}
        for num in numbering.iterchildren(_w("num")) if numbering is not None else ():
            base = _val(num, "abstractNumId")
            levels, restarts = dict(abstract.get(base, {})), {}
            for override in num.iterchildren(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                if (lvl := override.find(_w("lvl"))) is not None:
                    levels[ilvl] = self._level(lvl)
                if (start := _val(override, "startOverride")) is not None:
                    restarts[ilvl] = int(start)
            self.lists[num.get(_w("numId"))] = (base, levels, restarts)
        self.styles = self._style_lists(styles)
        self.counters: dict[str, dict[int, int]] = {}
        self.begun: set[str] = set()

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        start = _val(lvl, "start", "1")
        return (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""),
                int(start) if start.lstrip("-").isdigit() else 1)

    @staticmethod
    def _style_lists(styles) -> dict[str, tuple[str | None, int | None]]:
        """Paragraph styles that number their paragraphs (Heading 1 as "1."): the list and
        level of the style or, for what it leaves out, of the styles it is based on."""
        own, based = {}, {}
        for style in styles.iterchildren(_w("style")) if styles is not None else ():
            ident = style.get(_w("styleId"))
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                level = _val(num_pr, "ilvl")
                own[ident] = (_val(num_pr, "numId"), int(level) if level and level.isdigit()
                              else None)
            based[ident] = _val(style, "basedOn")
        resolved = {}
        for ident in based:
            num_id = level = None
            seen, current = set(), ident
            while current and current not in seen:
                seen.add(current)
                found_id, found_level = own.get(current, (None, None))
                num_id = num_id if num_id is not None else found_id
                level = level if level is not None else found_level
                current = based.get(current)
            if num_id is not None:
                resolved[ident] = (num_id, level)
        return resolved

    def label(self, p) -> str | None:
        ppr = p.find(_w("pPr"))
        if ppr is None:
            return None
        num_id, ilvl = self.styles.get(_val(ppr, "pStyle"), (None, None))
        if (num_pr := ppr.find(_w("numPr"))) is not None:
            num_id = _val(num_pr, "numId", num_id)
            level = _val(num_pr, "ilvl")
            ilvl = int(level) if level and level.isdigit() else ilvl
        if not num_id or num_id not in self.lists:
            return None  # numId 0 takes a style's numbering away
        base, levels, restarts = self.lists[num_id]
        ilvl = ilvl or 0
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(base, {})
        if num_id not in self.begun:
            self.begun.add(num_id)
            for level, start in restarts.items():
                counters[level] = start - 1
        style, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if style == "bullet":
            return _bullet(text)

        def number(match) -> str:
            level = int(match.group(1)) - 1
            level_style, _, level_start = levels.get(level, ("decimal", "", 1))
            return _counted(counters.get(level, level_start), level_style)

        return re.sub(r"%([1-9])", number, text).strip() or None


def _hidden(run) -> bool:
    """A run formatted as hidden text (`w:vanish`): Word neither shows nor prints it."""
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off")


def _paragraph(p, out: list[str], boxes: list, numbering: _Numbering | None = None) -> None:
    """Append the paragraph's text to out, after its list label if it has one; collect its
    text boxes to read after it."""
    parts: list[str] = []
    label = numbering.label(p) if numbering is not None else None
    if label:
        parts.append(label + " ")

    def walk(node):
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _w("r") and _hidden(child):
                continue
            if tag == _w("t"):
                parts.append(child.text or "")
            elif tag == _w("tab"):
                parts.append("    ")  # keep a tab visible: it often separates two header columns
            elif tag in (_w("br"), _w("cr")):
                parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                parts.append(str(child.get(_w("id"), "")).translate(_SUPERSCRIPT))
            elif tag == _w("r") and (font := _legacy_font(child)):
                start = len(parts)
                walk(child)
                parts[start:] = [convert(part, *font) for part in parts[start:]]
            elif tag == _w("txbxContent"):
                boxes.append(child)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = next(iter(child), None)  # the Choice; its Fallback repeats the same text
                if choice is not None:
                    walk(choice)
            else:
                walk(child)

    walk(p)
    out.append("".join(parts))


def _grid_cells(tr) -> list[tuple[int, object]]:
    """(first grid column, cell) of a row's cells: a cell merged across columns (gridSpan)
    moves the ones after it; a cell merged into the one above is empty where it stands."""
    cells, column = [], 0
    for tc in tr.iterchildren(_w("tc")):
        cells.append((column, tc))
        span = _val(tc.find(_w("tcPr")), "gridSpan", "1")
        column += int(span) if span.isdigit() else 1
    return cells


def _table_lines(tbl, emit, numbering) -> None:
    def lines_of(tc) -> list[str]:
        found: list[str] = []
        _block(tc, found.append, numbering)
        return found

    rows = [[(column, tc, lines_of(tc)) for column, tc in _grid_cells(tr)]
            for tr in tbl.iterchildren(_w("tr"))]
    # A spacer column (empty in every row) is not a column of the page.
    used = sorted({column for row in rows for column, _, lines in row
                   if any(line.strip() for line in lines)})
    rows = [[cell for cell in row if cell[0] in used] for row in rows]
    if len(used) <= 2:
        # A layout table (the two-column header, Nơi nhận beside the signature): read each band
        # of two-cell rows column by column, as a person reads the page.
        band: list[list] = []
        for cells in rows + [None]:
            if cells is not None and len(cells) == 2:
                band.append(cells)
                continue
            for col in range(2):
                for row in band:
                    for line in row[col][2]:
                        emit(line)
            band = []
            for _, _, lines in cells or []:
                for line in lines:
                    emit(line)
    else:
        # A data table: one line per row, cells separated by " | ".
        for cells in rows:
            texts = [" ".join(t.strip() for t in lines if t.strip()) for _, _, lines in cells]
            emit(" | ".join(texts) if any(texts) else "")


def _block(container, emit, numbering: _Numbering | None = None) -> None:
    """Emit the text of a body, cell, header, footnote or text box, in document order."""
    for child in container:
        tag = child.tag
        if tag == _w("p"):
            out: list[str] = []
            boxes: list = []
            _paragraph(child, out, boxes, numbering)
            emit(out[0])
            for box in boxes:
                _block(box, emit, numbering)
        elif tag == _w("tbl"):
            _table_lines(child, emit, numbering)
        elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"),
                     _w("smartTag")):
            _block(child, emit, numbering)


def read_docx(data: bytes) -> Text:
    pkg = _Package(data)
    main = next((name for kind, name in pkg.rels("") if kind == "officeDocument"),
                "word/document.xml")
    if main not in pkg.names:
        raise ValueError("not a Word document (no word/document.xml inside)")
    raw: list[tuple[str, int | None, str]] = []

    def collector(zone):
        return lambda text: raw.append((text, None, zone))

    related = pkg.rels(main)
    parts = {kind: name for kind, name in related if kind in ("numbering", "styles")}
    numbering = _Numbering(pkg.xml(parts["numbering"]) if "numbering" in parts else None,
                           pkg.xml(parts["styles"]) if "styles" in parts else None)
    body = pkg.xml(main).find(_w("body"))
    if body is not None:
        _block(body, collector("body"), numbering)
    seen_parts = set()
    for kind, zone in (("footnotes", "footnote"), ("endnotes", "footnote"),
                       ("header", "page-header"), ("footer", "page-footer")):
        for rel_kind, name in related:
            if rel_kind != kind or name in seen_parts:
                continue
            seen_parts.add(name)
            root = pkg.xml(name)
            if kind in ("footnotes", "endnotes"):
                for note in root:
                    if note.get(_w("type")) in ("separator", "continuationSeparator",
                                                "continuationNotice"):
                        continue
                    ident = str(note.get(_w("id"), "")).translate(_SUPERSCRIPT)
                    lines: list[str] = []
                    _block(note, lines.append, numbering)
                    raw.append((ident + " " + " ".join(lines).strip(), None, zone))
            else:
                _block(root, collector(zone), numbering)
    return Text.from_lines(raw, format="docx")
