"""Word .docx: body paragraphs and tables in order, text boxes, footnotes, page headers and footers.

Read straight from the package XML (zip + lxml) rather than through python-docx: it is several
times faster, it sees text boxes and footnotes, and it lets us refuse hostile packages (entity
expansion, zip bombs, parts pointing outside the package) before parsing them.
"""
from __future__ import annotations

import io
import posixpath
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


def _paragraph(p, out: list[str], boxes: list) -> None:
    """Append the paragraph's text to out; collect its text boxes to read after it."""
    parts: list[str] = []

    def walk(node):
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
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


def _table_lines(tbl, emit) -> None:
    rows = []
    for tr in tbl.iterchildren(_w("tr")):
        cells = [tc for tc in tr.iterchildren(_w("tc"))]
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    if width <= 2:
        # A layout table (the two-column header, Nơi nhận beside the signature): read each band
        # of two-cell rows column by column, as a person reads the page.
        band: list[list] = []
        for cells in rows + [None]:
            if cells is not None and len(cells) == 2:
                band.append(cells)
                continue
            for col in range(2):
                for row in band:
                    _block(row[col], emit)
            band = []
            if cells:
                for tc in cells:
                    _block(tc, emit)
    else:
        # A data table: one line per row, cells separated by " | ".
        for cells in rows:
            texts = []
            for tc in cells:
                cell_lines: list[str] = []
                _block(tc, lambda text, _l=cell_lines: _l.append(text))
                texts.append(" ".join(t.strip() for t in cell_lines if t.strip()))
            emit(" | ".join(texts))


def _block(container, emit) -> None:
    """Emit the text of a body, cell, header, footnote or text box, in document order."""
    for child in container:
        tag = child.tag
        if tag == _w("p"):
            out: list[str] = []
            boxes: list = []
            _paragraph(child, out, boxes)
            emit(out[0])
            for box in boxes:
                _block(box, emit)
        elif tag == _w("tbl"):
            _table_lines(child, emit)
        elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"),
                     _w("smartTag")):
            _block(child, emit)


def read_docx(data: bytes) -> Text:
    pkg = _Package(data)
    main = next((name for kind, name in pkg.rels("") if kind == "officeDocument"),
                "word/document.xml")
    if main not in pkg.names:
        raise ValueError("not a Word document (no word/document.xml inside)")
    raw: list[tuple[str, int | None, str]] = []

    def collector(zone):
        return lambda text: raw.append((text, None, zone))

    body = pkg.xml(main).find(_w("body"))
    if body is not None:
        _block(body, collector("body"))
    seen_parts = set()
    related = pkg.rels(main)
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
                    _block(note, lines.append)
                    raw.append((ident + " " + " ".join(lines).strip(), None, zone))
            else:
                _block(root, collector(zone))
    return Text.from_lines(raw, format="docx")
