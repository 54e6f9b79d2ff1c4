"""Make .docx, .pdf and .html files from the real corpus texts, laid out as offices lay them out.

The corpus gives each document as plain text plus hand-made gold labels. To test the readers on
real layouts we rebuild each document the way it was printed: the header as a borderless
two-column table (issuer and number left, heading and date right), the title block, Kính gửi,
the body paragraphs of the text (footnotes as real Word footnotes), and Nơi nhận beside the
signature in a second table, where long items wrap. PDFs are rendered from those .docx files by
LibreOffice; web pages wrap the text in a portal's navigation, breadcrumbs and footer.

The gold labels decide only where the header and closing are; every body line comes from the
real text, so the mess (broken lines, footnotes mid-sentence) survives.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from pipeline import libreoffice

HEADINGS = {"party": ["ĐẢNG CỘNG SẢN VIỆT NAM"],
            "state": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]}
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def load(txt: Path) -> tuple[list[str], dict]:
    lines = [line.rstrip() for line in txt.read_text(encoding="utf-8").split("\n")]
    return lines, json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))


def _date_words(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"ngày {day} tháng {month} năm {year}"


def _plain(line: str) -> str:
    return re.sub(r"\*+", "", line).strip()


_BODY_OPENER = re.compile(r"^-?\s*(Căn cứ|Thực hiện|Triển khai|Ngày \d|Theo đề nghị|Xét)")


def _body_like(line: str) -> bool:
    plain = _plain(line)
    if _BODY_OPENER.match(plain):
        return True
    if re.match(r"^(-|\+|V/v|Về việc|Kính gửi|Nơi nhận)", plain) or plain.upper() == plain:
        return False
    return len(plain) >= 62 and not plain[0].islower()  # a paragraph starts with a capital


def segments(lines: list[str], gold: dict) -> dict:
    """Where the parts of the text are: lead, header, title block, body, closing.

    Keys: has_header (the text shows a heading or a number line), title (index or None),
    body_start, body_end. The header and Kính gửi are rebuilt from the gold labels; every other
    line is kept as the text has it."""
    head = [_plain(line) for line in lines[:45]]
    has_header = any(h in line for line in head for h in ("ĐẢNG CỘNG SẢN", "CỘNG HÒA XÃ HỘI")) \
        or any(re.match(r"^Số\s*:?\s*\d", line) for line in head)
    title = None
    if gold.get("doc_type") and gold.get("system") != "news":
        squash = lambda t: re.sub(r"\W", "", t)  # noqa: E731
        title = next((i for i, line in enumerate(head)
                      if line and line.upper() == line and squash(line) in (
                          squash(gold["doc_type"].upper()), "KÉTLUẬN")), None)
    after = (title + 1) if title is not None else 0
    if gold.get("system") == "news":
        body_start = _headline(lines) + 1
    else:
        body_start = next((i for i in range(after, len(lines)) if _body_like(lines[i])
                           and not (has_header and i < after)), len(lines))
        if title is None and has_header and gold.get("addressees"):
            kinh_gui = next((i for i, line in enumerate(head) if "Kính gửi" in line), None)
            if kinh_gui is not None:
                body_start = next(i for i in range(kinh_gui + 1, len(lines))
                                  if _body_like(lines[i]) or i == len(lines) - 1)
    body_end = len(lines)
    for i in range(body_start, len(lines)):
        plain = _plain(lines[i])
        if re.match(r"^-?\s*Nơi nhận", plain) or re.match(r"^(T/M|TM\.|KT\.|T/L|TL\.)", plain):
            body_end = i
            break
    return {"has_header": has_header, "title": title, "body_start": body_start,
            "body_end": body_end}


def _headline(lines: list[str]) -> int:
    """A portal page's headline: its first line long enough to be one; date lines come before."""
    return next((i for i, line in enumerate(lines) if len(line.strip()) >= 30), 0)


def paragraphs(lines: list[str]) -> list[str]:
    """Body lines as paragraphs. A blank line ends one; a line joins the one above when that
    one does not end a sentence and is long, or the line starts in lower case (texts taken
    from PDFs keep the PDF's line breaks)."""
    out: list[str] = []
    previous = ""  # the line above, while it is in the same paragraph
    for line in lines:
        text = line.strip()
        if previous and text and not re.search(r"[.:;!?]$", previous) and (
                len(previous) >= 60 or text[0].islower()):
            out[-1] += " " + text
        elif text:
            out.append(text)
        previous = text
    return out


# --- .docx ------------------------------------------------------------------------------------

def _font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    rfonts = style.element.rPr.rFonts
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), "Times New Roman")
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)


def _cell_lines(cell, lines: list[tuple[str, dict]]) -> None:
    first = True
    for text, style in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = style.get("align", WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = style.get("bold", False)
        run.italic = style.get("italic", False)
        run.font.size = Pt(style.get("size", 13))


def _borderless_table(document: Document, left: list, right: list, widths=(7.5, 8.5)):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for cell, width, content in zip(table.rows[0].cells, widths, (left, right)):
        cell.width = Cm(width)
        _cell_lines(cell, content)
    return table


def _header_columns(gold: dict, subject_prefix: str,
                    headings: list[str] | None = None) -> tuple[list, list]:
    system = gold.get("system")
    party = system == "party"
    left: list[tuple[str, dict]] = []
    if gold.get("issuer_parent"):
        left.append((gold["issuer_parent"], {}))
    if gold.get("issuer"):
        left.append((gold["issuer"], {"bold": True}))
    left.append(("*" if party else "-------", {}))
    if gold.get("number"):
        left.append(((f"Số {gold['number']}" if party else f"Số: {gold['number']}"), {}))
    if gold.get("doc_type") == "Công văn" and gold.get("subject"):
        words = gold["subject"].split()
        half = (len(words) + 1) // 2  # the trích yếu wraps in the narrow column
        left.append((subject_prefix + " ".join(words[:half]), {"size": 12}))
        left.append((" ".join(words[half:]), {"size": 12}))
    right: list[tuple[str, dict]] = []
    for heading in headings or HEADINGS["party" if party else "state"]:
        right.append((heading, {"bold": True}))
    right.append(("---------------", {}))
    if gold.get("date"):
        place = gold.get("place") or ""
        right.append((f"{place}, {_date_words(gold['date'])}".lstrip(", "),
                      {"italic": True, "align": WD_ALIGN_PARAGRAPH.RIGHT}))
    return left, right


class _Footnotes:
    """Real Word footnotes: python-docx cannot write them, so the part is added by hand."""

    def __init__(self, document: Document):
        self.document = document
        self.notes: list[str] = []

    def reference(self, paragraph, text: str) -> None:
        self.notes.append(text)
        run = paragraph.add_run()
        rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:vertAlign w:val="superscript"/></w:rPr>')
        run._r.append(rpr)
        run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" '
                                f'w:id="{len(self.notes)}"/>'))

    def save(self) -> None:
        if not self.notes:
            return
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
            f'{html.escape(text)}</w:t></w:r></w:p></w:footnote>'
            for n, text in enumerate(self.notes, start=1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               f'<w:footnotes xmlns:w="{W_NS}">'
               f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
               f'</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               f'<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def _body(document: Document, body_lines: list[str], one_per_line: bool,
          tables: bool = False) -> None:
    footnotes = _Footnotes(document)
    is_note = lambda line: line.strip()[:1] != "" and line.strip()[0] in SUPERSCRIPTS  # noqa: E731
    notes = {line.strip()[0]: line.strip()[1:].strip() for line in body_lines if is_note(line)}
    kept = [line for line in body_lines if not is_note(line)]
    if tables and any(_TABLE_ROW.match(line) for line in kept):
        # Pipe rows become a Word table, the lines between them paragraphs as usual.
        run: list[str] = []
        for kind, content in table_blocks(kept) + [("end", [])]:
            if kind == "line":
                run.append(content)
                continue
            _body(document, run, one_per_line)
            run = []
            if kind == "table":
                _add_table(document, content, grid=True)
        footnotes.save()
        return
    for text in ([l for l in kept if l.strip()] if one_per_line else paragraphs(kept)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        pieces = re.split(f"([{SUPERSCRIPTS}])", _plain(text))
        for piece in pieces:
            if piece in notes:
                footnotes.reference(paragraph, notes[piece])
            elif piece:
                paragraph.add_run(piece)
    footnotes.save()


def _closing(document: Document, recipients: list[str], signer: dict | None) -> None:
    left = [("Nơi nhận:", {"bold": True, "italic": True, "align": WD_ALIGN_PARAGRAPH.LEFT})]
    for n, item in enumerate(recipients):
        end = "." if n == len(recipients) - 1 else ","
        left.append((f"- {item}{end}", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}))
    right = []
    if signer:
        if signer.get("authority"):  # two authorities ("TL. CHỦ TỊCH KT. CHÁNH …"): two lines
            for line in re.split(r"\s(?=(?:KT|TL|TM|TUQ)\.\s)", signer["authority"]):
                right.append((line, {"bold": True}))
        if signer.get("position"):
            right.append((signer["position"], {"bold": True}))
        right += [("", {})] * 3
        if signer.get("name"):
            right.append((signer["name"], {"bold": True}))
    _borderless_table(document, left, right, widths=(6.5, 9.5))


def _subject_prefix(lines: list[str]) -> str:
    """'V/v ' or 'Về việc ' as the text writes its trích yếu, else ''."""
    for line in lines[:30]:
        match = re.match(r"^\s*(V/v|Về việc)\s", line)
        if match:
            return match.group(1) + " "
    return ""


def _title_lines(lines: list[str], seg: dict) -> list[str]:
    """The title and trích yếu lines as the text has them, up to the Kính gửi or the body."""
    out = []
    for line in lines[seg["title"]:seg["body_start"]]:
        if "Kính gửi" in line:
            break
        if line.strip():
            out.append(line)
    return out


def _union_heading(lines: list[str]) -> list[str] | None:
    """A mass organisation's heading ("ĐOÀN TNCS HỒ CHÍ MINH") as the text prints it."""
    for line in lines[:10]:
        match = re.search(r"ĐOÀN TNCS HỒ CHÍ MINH|MẶT TRẬN TỔ QUỐC VIỆT NAM|"
                          r"HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM|CÔNG ĐOÀN VIỆT NAM", line)
        if match:
            return [match.group(0)]
    return None


# A row of a table as a converter prints it: "| a | b |"; "| --- | --- |" only draws the rule.
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def table_layout(lines: list[str]) -> bool:
    """Was the text taken from a page that lays its header or closing out in tables (the
    converter printed their rows with pipes)? Such a text is rebuilt as it was: its rows as
    table rows, every other line a paragraph, nothing redrawn from the labels."""
    rows = [n for n, line in enumerate(lines) if _TABLE_ROW.match(line)]
    return any(n < 12 for n in rows) and len(rows) >= 2


def table_blocks(lines: list[str]) -> list[tuple[str, list]]:
    """("table", [[cell, …], …]) for each run of table rows, ("line", text) for other lines."""
    blocks: list[tuple[str, list]] = []
    for line in lines:
        if _RULE_ROW.match(line):
            continue
        if _TABLE_ROW.match(line):
            cells = [_plain(c) for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        elif line.strip():
            blocks.append(("line", line))
    return blocks


def _add_table(document: Document, rows: list[list[str]], grid: bool = False) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    if grid:  # a task table draws its rules; a layout table does not
        table.style = "Table Grid"
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text


def _docx_as_tables(document: Document, lines: list[str]) -> None:
    for kind, content in table_blocks(lines):
        if kind == "line":
            document.add_paragraph(_plain(content))
            continue
        _add_table(document, content)


def make_docx(txt: Path, out: Path, tables: bool = False) -> Path:
    """A .docx of a labelled text; with tables=True the pipe rows of its body (a task table)
    become a Word table."""
    lines, gold = load(txt)
    document = Document()
    _font(document)
    if table_layout(lines):
        _docx_as_tables(document, lines)
        out.parent.mkdir(parents=True, exist_ok=True)
        document.save(out)
        return out
    seg = segments(lines, gold)
    start, end = seg["body_start"], seg["body_end"]
    if gold.get("system") != "news":
        if seg["has_header"]:
            left, right = _header_columns(gold, _subject_prefix(lines), _union_heading(lines))
            _borderless_table(document, left, right)
        else:
            for line in paragraphs(lines[:seg["title"] or 0]):
                document.add_paragraph(_plain(line))  # an editor's lead above the title
        if seg["title"] is not None:
            for line in _title_lines(lines, seg):
                paragraph = document.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(_plain(line)).bold = True
        if gold.get("addressees"):
            document.add_paragraph("Kính gửi:").alignment = WD_ALIGN_PARAGRAPH.CENTER
            for item in gold["addressees"]:
                document.add_paragraph(f"- {item};")
    else:
        headline = _headline(lines)
        for line in lines[:headline]:
            if line.strip():
                document.add_paragraph(_plain(line))
        document.add_paragraph().add_run(_plain(lines[headline])).bold = True
    _body(document, lines[start:end], one_per_line=gold.get("system") == "news", tables=tables)
    if gold.get("recipients") or gold.get("signer"):
        _closing(document, gold.get("recipients") or [], gold.get("signer"))
    for copy in gold.get("copies") or []:
        document.add_page_break()
        document.add_paragraph("_" * 60)
        left = [(copy["issuer"], {"bold": True}), ("*", {}), (f"Số {copy['number']}", {})]
        right = [(copy["kind"].upper(), {"bold": True}),
                 (f"{copy['place']}, {_date_words(copy['date'])}", {"italic": True})]
        _borderless_table(document, left, right)
        _closing(document, copy["recipients"], copy["signer"])
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "Trang"
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return out


# --- Word files as offices save them ----------------------------------------------------------

# Labels Word keeps in its numbering part, by their look: (numFmt, lvlText, level).
_LIST_LABELS = [(re.compile(r"(\d{1,2})\.\s+(?=\S)"), "decimal", "%1.", 0),
                (re.compile(r"([a-h])\)\s+(?=\S)"), "lowerLetter", "%2)", 1),
                (re.compile(r"(-)\s+(?=\S)"), "bullet", "\uf02d", 2)]


def _numbering_part(lists: list[tuple[int, int]]) -> bytes:
    """numbering.xml: one list definition with the three levels, one list instance per
    (level, first value) restart."""
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>'
        + ('<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>' if fmt == "bullet"
           else "") + '</w:lvl>'
        for _, fmt, text, level in _LIST_LABELS)
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="0"/>'
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        f'</w:num>' for n, (level, start) in enumerate(lists, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering '
            f'xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'{nums}</w:numbering>').encode()


def _number_as_lists(document: Document) -> None:
    """Body paragraphs typed as "1. …", "a) …", "- …" become Word list paragraphs whose labels
    live only in the numbering part, as Word's own list buttons leave them."""
    lists: list[tuple[int, int]] = []
    expected: dict[int, int] = {}
    for paragraph in document.paragraphs:
        runs = paragraph.runs
        match = next(((m, fmt, level) for pattern, fmt, _, level in _LIST_LABELS
                      if runs and (m := pattern.match(runs[0].text))), None)
        if match is None:
            continue
        found, fmt, level = match
        value = (int(found.group(1)) if fmt == "decimal" else
                 ord(found.group(1)) - ord("a") + 1 if fmt == "lowerLetter" else 1)
        if fmt != "bullet" and expected.get(level) != value or not lists:
            lists.append((level, value))  # Word restarts a list with a new instance
        expected[level] = value + 1
        for deeper in [k for k in expected if k > level]:
            del expected[deeper]
        runs[0].text = runs[0].text[found.end():]
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
                             f'<w:numId w:val="{len(lists)}"/></w:numPr>'))
    if lists:  # the template's own numbering part gives way to ours
        document.part.numbering_part._element = parse_xml(_numbering_part(lists))


def _spacer_column(table) -> None:
    """An empty middle column between the header's two, as many offices' templates have."""
    grid = table._tbl.tblGrid
    grid.insert(1, parse_xml(f'<w:gridCol xmlns:w="{W_NS}" w:w="300"/>'))
    for row in table._tbl.tr_lst:
        cells = row.tc_lst
        cells[0].addnext(parse_xml(f'<w:tc xmlns:w="{W_NS}"><w:tcPr><w:tcW w:w="300" '
                                   f'w:type="dxa"/></w:tcPr><w:p/></w:tc>'))


def _number_in_field(table) -> None:
    """The number typed into a form field (Word's complex field: code, then its result), as
    e-office templates fill it."""
    for paragraph in table.rows[0].cells[0].paragraphs:
        if not paragraph.text.startswith("Số") or not paragraph.runs:
            continue
        run = paragraph.runs[0]
        label, _, number = run.text.partition(" ")
        run.text = label + " "
        field = [f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="begin"/></w:r>',
                 f'<w:r xmlns:w="{W_NS}"><w:instrText xml:space="preserve"> FORMTEXT '
                 f'</w:instrText></w:r>',
                 f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="separate"/></w:r>',
                 f'<w:r xmlns:w="{W_NS}"><w:t>{html.escape(number)}</w:t></w:r>',
                 f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="end"/></w:r>']
        anchor = run._r
        for xml in field:
            node = parse_xml(xml)
            anchor.addnext(node)
            anchor = node


def _hidden_note(paragraph, text: str) -> None:
    """A drafter's note formatted as hidden text: Word neither shows nor prints it."""
    run = paragraph.add_run(text)
    run._r.get_or_add_rPr().append(parse_xml(f'<w:vanish xmlns:w="{W_NS}"/>'))


def _stamp_box(paragraph, text: str) -> None:
    """A text box (a drawing shape with its Fallback twin) holding a stamp-like word."""
    box = (f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p>')
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/'
        f'markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><w:txbxContent>{box}</w:txbxContent></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))


def make_office_docx(txt: Path, out: Path) -> Path:
    """The document as make_docx lays it out, saved with the traits of offices' own Word files:
    list labels only in the numbering part, a spacer column in the header table, the number
    in a form field, a hidden drafter's note citing another document, and a text box
    holding an urgency stamp."""
    make_docx(txt, out)
    document = Document(str(out))
    _number_as_lists(document)
    if document.tables and len(document.tables[0].columns) == 2:
        header = document.tables[0]
        _number_in_field(header)
        _spacer_column(header)
    stamp = document.add_paragraph()
    document.element.body[0].addprevious(stamp._p)  # anchored at the top of the first page
    _stamp_box(stamp, "HỎA TỐC")
    body = [p for p in document.paragraphs if len(p.text) > 80]
    if body:
        _hidden_note(body[0], " [ghi chú ẩn: xem Công văn số 999/XYZ-AB ngày 01/01/2001]")
    document.save(out)
    return out


# --- .pdf -------------------------------------------------------------------------------------

def soffice() -> str | None:
    return libreoffice.soffice()


def to_pdf(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Render .docx files to PDF with LibreOffice headless, in one process."""
    return libreoffice.convert(docx_files, "pdf", out_dir)


# --- .html ------------------------------------------------------------------------------------

_CHROME_TOP = """<header class="site-header"><div class="logo">Cổng thông tin điện tử</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
<li><a href="/tt">Tin tức - Sự kiện</a></li><li><a href="/vb">Văn bản chỉ đạo</a></li>
<li><a href="/lh">Liên hệ</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tt">Tin tức</a></div>
<div class="search-box"><form><input name="q" placeholder="Tìm kiếm"></form></div>"""
_CHROME_BOTTOM = """<aside class="sidebar related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/a1">Hội nghị sơ kết công tác 6 tháng đầu năm</a></li>
<li><a href="/a2">Tăng cường công tác phòng, chống thiên tai năm 2024</a></li></ul></aside>
<footer class="site-footer"><p>Bản quyền thuộc Văn phòng. Địa chỉ: 01 Đường Hùng Vương.
Điện thoại: 0255 3822 111. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p></footer>"""


def make_html(txt: Path, out: Path) -> Path:
    lines, gold = load(txt)
    esc = html.escape
    seg = segments(lines, gold)
    start, end = seg["body_start"], seg["body_end"]
    parts = []
    meta = "Ngày đăng: 12/06/2024 08:15"
    if table_layout(lines):
        for kind, content in table_blocks(lines):
            if kind == "line":
                parts.append(f"<p>{esc(_plain(content))}</p>")
            else:
                rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                               for row in content)
                parts.append(f"<table>{rows}</table>")
        return _page(parts, meta, gold, out)
    if gold.get("system") == "news":
        headline = _headline(lines)
        meta = " | ".join(_plain(l) for l in lines[:headline] if l.strip()) or meta
        parts.append(f"<h1 class='title'>{esc(_plain(lines[headline]))}</h1>")
        body = [line for line in lines[headline + 1:end] if line.strip()]
    else:
        if seg["has_header"]:
            left, right = _header_columns(gold, _subject_prefix(lines), _union_heading(lines))
            cell = lambda col: "".join(f"<p>{esc(t)}</p>" for t, _ in col)  # noqa: E731
            parts.append(f"<table class='header'><tr><td>{cell(left)}</td><td>{cell(right)}"
                         "</td></tr></table>")
        else:
            parts += [f"<p>{esc(_plain(p))}</p>" for p in paragraphs(lines[:seg["title"] or 0])]
        if seg["title"] is not None:
            parts += [f"<p align='center'><b>{esc(_plain(line))}</b></p>"
                      for line in _title_lines(lines, seg)]
        if gold.get("addressees"):
            parts.append("<p>Kính gửi:</p>" + "".join(f"<p>- {esc(a)};</p>"
                                                     for a in gold["addressees"]))
        body = paragraphs(lines[start:end])
    parts += [f"<p>{esc(_plain(p))}</p>" for p in body]
    def closing(recipients: list[str], signer: dict | None) -> tuple[str, str]:
        """(Nơi nhận cell, signature cell) as HTML."""
        items = "".join(f"<p>- {esc(r)};</p>" for r in recipients)
        sign = "".join(f"<p><b>{esc(signer[k])}</b></p>"
                       for k in ("authority", "position", "name") if (signer or {}).get(k))
        return f"<p><b><i>Nơi nhận:</i></b></p>{items}", sign

    if gold.get("recipients") or gold.get("signer"):
        left, right = closing(gold.get("recipients") or [], gold.get("signer"))
        parts.append(f"<table class='closing'><tr><td>{left}</td><td>{right}</td></tr></table>")
    for copy in gold.get("copies") or []:
        left, right = closing(copy["recipients"], copy.get("signer"))
        parts.append(f"<hr><table><tr><td><p><b>{esc(copy['issuer'])}</b></p><p>*</p>"
                     f"<p>Số {esc(copy['number'])}</p>{left}</td>"
                     f"<td><p><b>{esc(copy['kind'].upper())}</b></p><p><i>{esc(copy['place'])}, "
                     f"{_date_words(copy['date'])}</i></p>{right}</td></tr></table>")
    return _page(parts, meta, gold, out)


def _page(parts: list[str], meta: str, gold: dict, out: Path) -> Path:
    """A portal's page around the document's parts."""
    esc = html.escape
    page = (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
            f"<title>{esc(gold.get('subject') or 'Văn bản')}</title>"
            f"<script>var ga = 1;</script><style>body{{font-family:serif}}</style></head><body>"
            f"{_CHROME_TOP}<div class='main-content'><article class='news-detail'>"
            f"<div class='meta'>{esc(meta)} | Lượt xem: 1024</div>"
            f"{''.join(parts)}<div class='share-tools'>Chia sẻ: Facebook Zalo In trang</div>"
            f"</article></div>{_CHROME_BOTTOM}</body></html>")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
