"""Word files built the ways other people build them, for `vanthu check`: a header typed as
paragraphs with tabs instead of a table, components in text boxes, fonts set through the theme,
styles that inherit in a loop, several sections, appendices, copy blocks. Built with
python-docx and lxml as Word writes them; each maker takes the deviations to put in.

A maker returns the .docx bytes. The document is a State công văn or a Party công văn of a
Sở Nội vụ / Tỉnh ủy, correct unless told otherwise.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

CENTER, LEFT, JUSTIFY, RIGHT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT)
FONT = "Times New Roman"
BODY = ["Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 02 năm 2026 của Ủy ban nhân dân tỉnh về "
        "cải cách hành chính, Sở Nội vụ đề nghị các cơ quan, đơn vị rà soát thủ tục hành chính "
        "thuộc phạm vi quản lý.",
        "Kết quả rà soát gửi về Sở Nội vụ trước ngày 30 tháng 3 năm 2026 để tổng hợp, báo cáo "
        "Ủy ban nhân dân tỉnh theo quy định./."]
VML_LINE = ('<w:r {}><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" '
            'from="{}pt,2pt" to="{}pt,2pt" strokeweight=".5pt"/></w:pict></w:r>')


class Maker:
    """A document being built: paragraphs with direct formatting, as most offices type."""

    def __init__(self, margins=(20, 20, 30, 15)):
        self.document = Document()
        normal = self.document.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(14)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        self._strip_theme_defaults()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        (section.top_margin, section.bottom_margin, section.left_margin,
         section.right_margin) = (Mm(m) for m in margins)

    def _strip_theme_defaults(self):
        """python-docx's template sets the document default font through the theme (Calibri):
        a careful writer's Normal style overrides it, so the default does not show."""
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for attr in list(fonts.attrib):
                    del fonts.attrib[attr]
                fonts.set(qn("w:ascii"), FONT)
                fonts.set(qn("w:hAnsi"), FONT)

    # --- paragraphs ---------------------------------------------------------------------
    def para(self, *parts, align=LEFT, container=None, indent_mm=None, left_mm=None,
             before=0, after=0, line=None, border_bottom=False):
        """A paragraph of runs: each part is text or (text, size, bold, italic[, underline]);
        "\\t" and "\\n" in a part become a tab and a line break."""
        container = container if container is not None else self.document
        paragraph = container.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if indent_mm is not None:
            fmt.first_line_indent = Mm(indent_mm)
        if left_mm is not None:
            fmt.left_indent = Mm(left_mm)
        if line is not None:
            fmt.line_spacing = line
        for part in parts:
            text, size, bold, italic, underline = (part if isinstance(part, tuple) else (
                part, 14, False, False, False)) + (False,) * (5 - (len(part) if isinstance(
                    part, tuple) else 5))
            for n, piece in enumerate(text.replace("\n", "\t\n").split("\t")):
                if n:
                    run = paragraph.add_run()
                    if piece.startswith("\n"):
                        run.add_break()
                        piece = piece[1:]
                    else:
                        run.add_tab()
                if piece:
                    run = paragraph.add_run(piece)
                    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
                    run.font.underline = underline
        if border_bottom:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
                                 'w:space="1" w:color="000000"/></w:pBdr>'))
        return paragraph

    def lines(self, paragraph, *spans):
        """Drawn lines (VML, as older Word draws them) anchored in a paragraph."""
        for start, end in spans:
            paragraph._p.append(parse_xml(VML_LINE.format(nsdecls("w"), start, end)))

    def body(self, texts=BODY, size=14, indent_mm=12.7, after=6, line=1.15, align=JUSTIFY):
        """Body paragraphs; a text may be (label, rest): "Điều 1." in bold, then the rest."""
        for text in texts:
            parts = [(text, size)] if isinstance(text, str) else [(text[0], size, True),
                                                                  (text[1], size)]
            self.para(*parts, align=align, indent_mm=indent_mm, after=after, line=line)

    def table(self, widths_mm=(70, 95)):
        table = self.document.add_table(rows=1, cols=len(widths_mm))
        for cell, width in zip(table.rows[0].cells, widths_mm):
            cell.width = Mm(width)
            cell._tc.remove(cell.paragraphs[0]._p)
        return table.rows[0].cells

    def textbox(self, anchor, texts):
        """A floating text box (DrawingML, with its VML fallback as Word writes both) anchored
        in `anchor`; `texts` are (text, size, bold, italic) paragraphs, centred ("---": a
        short line, the bottom border of an empty paragraph)."""
        rule = ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" '
                'w:color="000000"/></w:pBdr><w:ind w:left="900" w:right="900"/></w:pPr></w:p>')
        inner = "".join(
            rule if text == "---" else
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="{FONT}" '
            f'w:hAnsi="{FONT}"/>{"<w:b/>" if bold else ""}{"<w:i/>" if italic else ""}'
            f'<w:sz w:val="{int(size * 2)}"/></w:rPr><w:t xml:space="preserve">{text}</w:t>'
            f'</w:r></w:p>' for text, size, bold, italic in texts)
        xml = (
            f'<w:r {nsdecls("w", "wp", "a")} '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
            'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="2520000" cy="900000"/><wp:wrapNone/>'
            '<wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
            f'{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')
        anchor._p.append(parse_xml(xml))

    def section(self, width_mm=210, height_mm=297, landscape=False):
        from docx.enum.section import WD_SECTION
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(height_mm), Mm(width_mm)) if landscape \
            else (Mm(width_mm), Mm(height_mm))
        return section

    def bytes(self) -> bytes:
        body = self.document.element.body
        if len(body) > 1 and body[-2].tag == qn("w:tbl"):
            self.para()  # Word always ends the body with a paragraph, never a table
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


# --- the parts of a State công văn --------------------------------------------------------
def state_header_typed(m: Maker, number="Số: 125/SNV-VP",
                       date="Quảng Ngãi, ngày 05 tháng 3 năm 2026", quoc_hieu=(
                           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True),
                       subject="V/v rà soát thủ tục hành chính năm 2026", number_size=13):
    """The header typed as paragraphs: the two columns kept apart by tabs, the lines drawn."""
    m.para(("UBND TỈNH QUẢNG NGÃI", 13), ("\t" + quoc_hieu[0], quoc_hieu[1],
                                                      quoc_hieu[2]))
    m.para(("SỞ NỘI VỤ", 13, True), ("\tĐộc lập - Tự do - Hạnh phúc", 14, True))
    m.lines(m.para(), (40, 80), (230, 400))
    m.para((number, number_size), ("\t" + date, 14, False, True), before=6)
    m.para((subject, 12), before=6, after=12)


def state_header_table(m: Maker, number="Số: 125/SNV-VP",
                       date="Quảng Ngãi, ngày 05 tháng 3 năm 2026",
                       subject="V/v rà soát thủ tục hành chính năm 2026"):
    """The header as a borderless two-column table, lines as paragraph borders."""
    left, right = m.table()
    m.para(("UBND TỈNH QUẢNG NGÃI", 13), align=CENTER, container=left)
    m.para(("SỞ NỘI VỤ", 13, True), align=CENTER, container=left)
    m.para(align=CENTER, container=left, border_bottom=True, left_mm=25)
    m.para((number, 13), align=CENTER, container=left, before=6)
    if subject:
        m.para((subject, 12), align=CENTER, container=left, before=6)
    m.para(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True), align=CENTER, container=right)
    m.para(("Độc lập - Tự do - Hạnh phúc", 14, True), align=CENTER, container=right)
    m.para(align=CENTER, container=right, border_bottom=True, left_mm=15)
    m.para((date, 14, False, True), align=CENTER, container=right, before=6)


def addressed(m: Maker, to="Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố."):
    m.para((to, 14), align=CENTER, after=12)


def state_closing_table(m: Maker, items=("- Như trên;", "- Giám đốc Sở;", "- Lưu: VT, VP."),
                        authority="KT. GIÁM ĐỐC", name="Nguyễn Văn An"):
    left, right = m.table((80, 85))
    m.para(("Nơi nhận:", 12, True, True), container=left)
    for item in items:
        m.para((item, 11), container=left)
    m.para((authority, 14, True), align=CENTER, container=right)
    m.para(("PHÓ GIÁM ĐỐC", 14, True), align=CENTER, container=right)
    for _ in range(3):
        m.para(container=right)
    m.para((name, 14, True), align=CENTER, container=right)


def state_closing_typed(m: Maker, items=("- Như trên;", "- Giám đốc Sở;", "- Lưu: VT, VP.")):
    """Nơi nhận typed in paragraphs with the signature beside it after a tab."""
    m.para(("Nơi nhận:", 12, True, True), ("\tKT. GIÁM ĐỐC", 14, True), before=12)
    m.para((items[0], 11), ("\tPHÓ GIÁM ĐỐC", 14, True))
    for item in items[1:]:
        m.para((item, 11))
    m.para(("Nguyễn Văn An", 14, True), align=CENTER, left_mm=80, before=48)


def state_cong_van(header="table", closing="table", **changes) -> Maker:
    m = Maker(changes.pop("margins", (20, 20, 30, 15)))
    (state_header_typed if header == "typed" else state_header_table)(m, **changes)
    addressed(m)
    m.body()
    (state_closing_typed if closing == "typed" else state_closing_table)(m)
    return m


# --- a Party công văn ---------------------------------------------------------------------
def party_cong_van(heading=("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True), body_extra=()) -> Maker:
    m = Maker()
    left, right = m.table((75, 90))
    m.para(("TỈNH ỦY QUẢNG NGÃI", 14, True), align=CENTER, container=left)
    m.para(("*", 14), align=CENTER, container=left)
    m.para(("Số 1823-CV/TU", 14), align=CENTER, container=left)
    m.para(("về rà soát tổ chức cơ sở đảng", 12, False, True), align=CENTER, container=left)
    m.para(heading, align=CENTER, container=right, border_bottom=True)
    m.para(("Quảng Ngãi, ngày 05 tháng 3 năm 2026", 14, False, True), align=CENTER,
           container=right, before=6)
    m.para(("Kính gửi: Các huyện ủy, thị ủy, thành ủy.", 14), align=CENTER, before=12,
           after=12)
    m.body([BODY[0].replace("Ủy ban nhân dân tỉnh", "Ban Thường vụ Tỉnh ủy")
            .replace("Sở Nội vụ", "Văn phòng Tỉnh ủy"), *body_extra,
            "Các cấp ủy báo cáo kết quả về Văn phòng Tỉnh ủy trước ngày 30 tháng 3 năm "
            "2026."])
    left, right = m.table((80, 85))
    m.para(("Nơi nhận:", 14, False, False, True), container=left)
    for item in ("- Như trên,", "- Lưu Văn phòng Tỉnh ủy."):
        m.para((item, 12), container=left)
    m.para(("T/L BAN THƯỜNG VỤ", 14, True), align=CENTER, container=right)
    m.para(("CHÁNH VĂN PHÒNG", 14), align=CENTER, container=right)
    for _ in range(3):
        m.para(container=right)
    m.para(("Trần Văn Bình", 14, True), align=CENTER, container=right)
    return m


# --- appendices and copies ----------------------------------------------------------------
def appendix(m: Maker, heading="Phụ lục I", note=True, wide=False):
    """A phụ lục after the document, on its own page (a new section when it is landscape)."""
    if wide:
        m.section(landscape=True)
    else:
        from docx.enum.text import WD_BREAK
        m.para().add_run().add_break(WD_BREAK.PAGE)
    m.para((heading, 14, True), align=CENTER)
    m.para(("DANH MỤC THỦ TỤC HÀNH CHÍNH CẦN RÀ SOÁT", 14, True), align=CENTER)
    if note:
        m.para(("(Kèm theo Công văn số 125/SNV-VP ngày 05 tháng 3 năm 2026 của Sở Nội vụ)", 14,
                False, True), align=CENTER, after=12)
    table = m.document.add_table(rows=4, cols=5 if wide else 3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.paragraphs[0].add_run("STT" if r == 0 and c == 0 else f"Thủ tục {r}.{c}")
            cell.paragraphs[0].runs[0].font.size = Pt(13)


def copy_block(m: Maker, heading="SAO Y", number="Số: 07/SY-UBND", rule=True):
    """A State copy block after the document: full-width line, copying body and number with
    Nơi nhận on the left, heading, date and signature on the right."""
    if rule:
        m.para(border_bottom=True)
    left, right = m.table((80, 85))
    m.para(("ỦY BAN NHÂN DÂN", 13), align=CENTER, container=left)
    m.para(("TỈNH QUẢNG NGÃI", 13, True), align=CENTER, container=left)
    m.para(align=CENTER, container=left, border_bottom=True, left_mm=28)
    m.para((number, 13), align=CENTER, container=left)
    m.para(("Nơi nhận:", 12, True, True), container=left)
    m.para(("- Các sở, ban, ngành;", 11), container=left)
    m.para(("- Lưu: VT.", 11), container=left)
    m.para((heading, 14, True), align=CENTER, container=right)
    m.para(("Quảng Ngãi, ngày 09 tháng 3 năm 2026", 14, False, True), align=CENTER,
           container=right)
    m.para(("TL. CHỦ TỊCH", 14, True), align=CENTER, container=right)
    m.para(("CHÁNH VĂN PHÒNG", 14, True), align=CENTER, container=right)
    for _ in range(3):
        m.para(container=right)
    m.para(("Lê Thị Hoa", 14, True), align=CENTER, container=right)


# --- package-level oddities ---------------------------------------------------------------
def theme_fonts(data: bytes, minor: str) -> bytes:
    """Every run's font set through the theme (minorHAnsi), the theme's minor font `minor`."""
    import re
    import zipfile
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = re.sub(rb'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"'
                              rb'(?: w:cs="Times New Roman")?(?: w:eastAsia="Times New Roman")?'
                              rb'/>',
                              b'<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>',
                              body)
            elif item.filename == "word/styles.xml":
                body = body.replace(b'w:ascii="Times New Roman"', b'w:asciiTheme="minorHAnsi"'
                                    ).replace(b'w:hAnsi="Times New Roman"',
                                              b'w:hAnsiTheme="minorHAnsi"')
            elif item.filename == "word/theme/theme1.xml":
                body = re.sub(rb'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rb"\g<1>" +
                              minor.encode(), body)
            target.writestr(item, body)
    return out.getvalue()


def style_cycle(m: Maker) -> None:
    """Two paragraph styles based on each other, and one based on itself; the body uses one."""
    styles = m.document.styles.element
    for style_id, based in (("LoopA", "LoopB"), ("LoopB", "LoopA"), ("Self", "Self")):
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}">'
            f'<w:name w:val="{style_id}"/><w:basedOn w:val="{based}"/>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:sz w:val="28"/></w:rPr>'
            '</w:style>'))
    for paragraph in m.document.paragraphs:
        if len(paragraph.text) > 60:
            paragraph._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:pStyle {nsdecls("w")} w:val="LoopA"/>'))


def alt_chunk(m: Maker) -> None:
    """An altChunk: an HTML part Word pastes into the text when it opens the file."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    part = Part(PackURI("/word/afchunk.htm"), "text/html",
                "<html><body><p>Bảng số liệu dán từ trang web</p></body></html>".encode(),
                m.document.part.package)
    rid = m.document.part.relate_to(part, RT.A_F_CHUNK)
    body = m.document.element.body
    body.insert(len(body) - 1, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>'))


def state_titled(title="KẾ HOẠCH", number="Số: 15/KH-SNV",
                 subject="Rà soát thủ tục hành chính năm 2026", separator=True, lead=(),
                 texts=BODY, authority="KT. GIÁM ĐỐC") -> Maker:
    """A document with a type name: the title and trích yếu centred under the header, a short
    line under them, then `lead` paragraphs (căn cứ, an enacting line) as (text, italic,
    align) and the body."""
    m = Maker()
    state_header_table(m, number=number, subject=None)
    m.para(("", 14))
    m.para((title, 14, True), align=CENTER)
    m.para((subject, 14, True), align=CENTER)
    if separator:
        m.para(align=CENTER, border_bottom=True, left_mm=60, after=6)
    for text, italic, align in lead:
        m.para((text, 14, False, italic), align=align, indent_mm=12.7 if align == JUSTIFY
               else None, after=6, line=1.15)
    m.body(texts)
    state_closing_table(m, items=("- Các phòng thuộc Sở;", "- Lưu: VT, VP."),
                        authority=authority)
    return m


def party_copy_block(m: Maker, heading="SAO Y BẢN CHÍNH", number="Số 24-BS/TU"):
    """A Party copy block: full-width line, copying committee and "*" with the number on the
    left, heading and date on the right, then Nơi nhận beside the T/L signature."""
    m.para(border_bottom=True)
    left, right = m.table((75, 90))
    m.para(("TỈNH ỦY QUẢNG NGÃI", 14, True), align=CENTER, container=left)
    m.para(("*", 14), align=CENTER, container=left)
    m.para((number, 14), align=CENTER, container=left)
    m.para((heading, 14, True), align=CENTER, container=right)
    m.para(("Quảng Ngãi, ngày 09 tháng 3 năm 2026", 14, False, True), align=CENTER,
           container=right)
    left, right = m.table((80, 85))
    m.para(("Nơi nhận:", 14, False, False, True), container=left)
    m.para(("- Các huyện ủy,", 12), container=left)
    m.para(("- Lưu Văn phòng Tỉnh ủy.", 12), container=left)
    m.para(("T/L BAN THƯỜNG VỤ", 14, True), align=CENTER, container=right)
    m.para(("CHÁNH VĂN PHÒNG", 14), align=CENTER, container=right)
    for _ in range(3):
        m.para(container=right)
    m.para(("Trần Văn Bình", 14, True), align=CENTER, container=right)
