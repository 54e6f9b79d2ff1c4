"""Write a draft as .docx: the page, header, title, Kính gửi, body, Nơi nhận and signature as the
profile says, with python-docx.

The header and the closing are borderless two-column tables (as the decree's own model files
are); lines under headings are paragraph borders narrowed by indents; Times New Roman is set
for every script (ASCII, East Asian, complex) so Word and LibreOffice both use it; page
numbers start on page 2.

The body comes from a type's Jinja2 template as light markup, one paragraph a line:
`# text` centred bold, `## text` a part heading, `### text` a sub-heading, `> text` a căn cứ
line, `* text` an item, `**lead** text` a paragraph opening in bold; anything else is a body
paragraph.
"""
from __future__ import annotations

import io
import re
from copy import deepcopy
from functools import lru_cache

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def format_date(date, place: str, profile: dict) -> str:
    """'Quảng Ngãi, ngày 05 tháng 01 năm 2024': days padded, months as the profile says."""
    rules = profile["date"]
    day = f"{date.day:02d}" if rules["pad_day"] else str(date.day)
    month = f"{date.month:02d}" if date.month in rules["pad_months"] else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def format_number(number) -> str:
    """The number as printed, a leading 0 below 10 ('5-CV/TU' -> '05-CV/TU')."""
    text = str(number).strip()
    return re.sub(r"^(\d)(?=\D|$)", r"0\1", text)


@lru_cache(maxsize=256)
def _run_properties(font: str, size: float, bold: bool, italic: bool, underline: bool):
    """The <w:rPr> of a run, built once per style: python-docx's setters cost a millisecond
    a run, and a draft has hundreds."""
    half_points = int(round(size * 2))
    xml = (f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
           f'w:eastAsia="{font}" w:cs="{font}"/>'
           + ("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/>')
           + ("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/>')
           + ('<w:u w:val="single"/>' if underline else "")
           + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    return parse_xml(xml)


def _fonts(run, profile: dict, size: float, bold=False, italic=False, underline=False):
    properties = deepcopy(_run_properties(profile["page"]["font"], size, bool(bold),
                                          bool(italic), bool(underline)))
    existing = run._r.rPr
    if existing is not None:
        run._r.remove(existing)
    run._r.insert(0, properties)


def _paragraph(container, text: str, profile: dict, size: float, *, align=CENTER,
               bold=False, italic=False, underline=False, after=0.0, indent_mm=0.0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent_mm:
        fmt.first_line_indent = Mm(indent_mm)
    if text:
        _fonts(paragraph.add_run(text), profile, size, bold, italic, underline)
    return paragraph


def _rule_under(container, width_mm: float, text_mm: float) -> None:
    """A solid line text_mm long, centred in a width_mm column: the bottom border of a tiny
    paragraph of its own, narrowed by indents, so the text above keeps its full width."""
    paragraph = container.add_paragraph()
    side = max(0.0, (width_mm - text_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.space_before, fmt.space_after = Pt(0), Pt(4)
    fmt.line_spacing = Pt(5)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                     ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _text_mm(text: str, size: float, bold: bool) -> float:
    """Roughly how wide a line of Times New Roman capitals and lower case prints."""
    per_char = 0.55 if text.isupper() else 0.46
    return len(text) * size * per_char * (1.05 if bold else 1.0) * 0.3528


def _cell(table, column: int):
    cell = table.rows[0].cells[column]
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    return cell


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(document, left_mm: float, right_mm: float):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    layout = OxmlElement("w:tblLayout")  # keep the widths given, whatever the content
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, (left_mm, right_mm)):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table, _cell(table, 0), _cell(table, 1)


def _page(document, profile: dict) -> float:
    """Page size, margins, default font and page numbers; returns the text width in mm."""
    page = profile["page"]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(page["margin_top_mm"]), Mm(
        page["margin_bottom_mm"])
    section.left_margin, section.right_margin = Mm(page["margin_left_mm"]), Mm(
        page["margin_right_mm"])
    section.header_distance = Mm(10)
    style = document.styles["Normal"]
    style.font.name = page["font"]
    style.font.size = Pt(profile["body"]["size"])
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), page["font"])
    # Page numbers from page 2: a different first page whose header stays empty.
    section.different_first_page_header_footer = not profile["page_number"]["first_page"]
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    run = number.add_run()
    _fonts(run, profile, profile["page_number"]["size"])
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    return page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]


def _issuer_block(cell, parent: str | None, name: str, profile: dict, column_mm: float,
                  rule_mm: float) -> None:
    """The body above (if any), the issuing body, and under it the profile's separator: a
    line `rule_mm` long centred in the column, or its text (the Party's "*")."""
    rules = profile["issuer"]
    if parent:
        _paragraph(cell, parent.upper(), profile, rules["parent_size"], bold=rules["parent_bold"])
    _paragraph(cell, name.upper(), profile, rules["size"], bold=rules["bold"])
    if rules["separator"] == "line":
        _rule_under(cell, column_mm, rule_mm)
    else:
        _paragraph(cell, rules["separator"], profile, rules["size"])


def _header(document, spec, profile: dict, number: str, text_mm: float) -> None:
    left_mm = profile["page"]["header_left_width_mm"]
    right_mm = text_mm - left_mm
    _, left, right = _two_columns(document, left_mm, right_mm)
    issuer = spec["issuer"]
    name_mm = _text_mm(issuer["name"].upper(), profile["issuer"]["size"], True)
    _issuer_block(left, issuer.get("parent"), issuer["name"], profile, left_mm,
                  min(left_mm, name_mm) / 2.5)
    _paragraph(left, profile["number"]["label"] + number, profile, profile["number"]["size"],
               after=6 if spec.slug == "cong-van" else 0)
    if spec.slug == "cong-van":
        subject = profile["subject"]
        _paragraph(left, subject["cong_van_prefix"] + spec["subject"], profile,
                   subject["cong_van_size"], italic=subject["cong_van_italic"])
    heading = profile["heading"]
    for n, (line, size, bold) in enumerate(zip(heading["lines"], heading["sizes"],
                                                heading["bold"])):
        _paragraph(right, line, profile, size, bold=bold)
        if n == len(heading["lines"]) - 1 and heading["rule"] == "line":
            _rule_under(right, right_mm, min(right_mm, _text_mm(line, size, bold)))
    _paragraph(right, "", profile, profile["date"]["size"])
    _paragraph(right, format_date(spec.date, spec["place"], profile), profile,
               profile["date"]["size"], italic=profile["date"]["italic"])


def _title(document, spec, profile: dict, text_mm: float) -> None:
    _paragraph(document, "", profile, profile["body"]["size"])
    _paragraph(document, spec.type_name.upper(), profile, profile["title"]["size"],
               bold=profile["title"]["bold"])
    rules = profile["subject"]
    subject = _subject_case(spec["subject"], rules["first_upper"])
    _paragraph(document, subject, profile, rules["size"], bold=rules["bold"])
    if rules["separator"] == "line":
        _rule_under(document, text_mm, min(text_mm, _text_mm(subject, rules["size"],
                                                             True)) / 2.5)
    else:
        _paragraph(document, rules["separator"], profile, rules["size"])


def _subject_case(subject: str, first_upper: bool) -> str:
    """The trích yếu's first letter as the rule set writes it ("Về …" State, "về …" Party); an
    abbreviation in capitals ("UBND …") stays as it is."""
    first_word = subject.split(" ", 1)[0]
    if not subject or (len(first_word) > 1 and first_word.isupper()):
        return subject
    return (subject[0].upper() if first_upper else subject[0].lower()) + subject[1:]


def _addressees(document, spec, profile: dict) -> None:
    items = [str(a) for a in spec["addressees"] or []]
    if not items:
        return
    rules = profile["addressees"]
    label = rules["label"]
    if len(items) == 1:
        _paragraph(document, f"{label} {items[0]}{rules['last_end']}", profile, rules["size"],
                   after=6)
        return
    _paragraph(document, label, profile, rules["size"])
    for n, item in enumerate(items):
        end = rules["last_end"] if n == len(items) - 1 else rules["item_end"]
        paragraph = _paragraph(document, f"- {item}{end}", profile, rules["size"], align=LEFT)
        paragraph.paragraph_format.left_indent = Mm(45)
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)


_MARKUP = re.compile(r"^(#{1,3}|>|\*)\s+(.*)$")


def _body(document, lines: list[str], profile: dict) -> None:
    rules = profile["body"]
    size = rules["size"]
    body = [line for line in lines if line.strip()]
    end_mark = rules["end_mark"]
    if body and not body[-1].rstrip().endswith(end_mark):
        body[-1] = body[-1].rstrip().rstrip(".;,") + end_mark
    for line in body:
        match = _MARKUP.match(line)
        kind, text = (match.group(1), match.group(2)) if match else ("", line)
        if kind == "#":
            paragraph = _paragraph(document, text, profile, size, bold=True, after=6)
        elif kind == "##":
            paragraph = _paragraph(document, text, profile, size, align=JUSTIFY,
                                   bold=rules["section_bold"], after=rules["space_after_pt"],
                                   indent_mm=rules["first_line_indent_mm"])
        elif kind == "###":
            paragraph = _paragraph(document, text, profile, size, align=JUSTIFY, bold=True,
                                   after=rules["space_after_pt"],
                                   indent_mm=rules["first_line_indent_mm"])
        elif kind == ">":
            paragraph = _paragraph(document, text, profile, size, align=JUSTIFY,
                                   italic=rules["can_cu_italic"], after=rules["space_after_pt"],
                                   indent_mm=rules["first_line_indent_mm"])
        else:
            lead = re.match(r"^\*\*(.+?)\*\*\s*(.*)$", text)
            paragraph = _paragraph(document, "" if lead else text, profile, size, align=JUSTIFY,
                                   after=rules["space_after_pt"],
                                   indent_mm=rules["first_line_indent_mm"])
            if lead:
                _fonts(paragraph.add_run(lead.group(1) + " "), profile, size, bold=True)
                _fonts(paragraph.add_run(lead.group(2)), profile, size)
        paragraph.paragraph_format.line_spacing = rules["line_spacing"]


def closing_block(document, recipients: list[str], signer: dict, profile: dict,
                  text_mm: float) -> None:
    """Nơi nhận on the left, the signature on the right, as the profile styles them."""
    left_mm = profile["page"]["header_left_width_mm"]
    _, left, right = _two_columns(document, left_mm, text_mm - left_mm)
    rules = profile["recipients"]
    _paragraph(left, rules["label"], profile, rules["label_size"], align=LEFT,
               bold=rules["label_bold"], italic=rules["label_italic"],
               underline=rules["label_underline"])
    for n, item in enumerate(recipients):
        item = str(item).strip().rstrip(",;.")
        end = rules["last_end"] if n == len(recipients) - 1 else rules["item_end"]
        _paragraph(left, f"- {item}{end}", profile, rules["size"], align=LEFT)
    sign = profile["signature"]
    if signer.get("authority"):
        for line in re.split(r"\s(?=(?:KT|TL|TM|TUQ)\.\s|K/T\s|T/L\s|T/M\s)",
                             signer["authority"].upper()):
            _paragraph(right, line, profile, sign["size"], bold=sign["authority_bold"])
    _paragraph(right, signer["position"].upper(), profile, sign["size"],
               bold=sign["position_bold"])
    for _ in range(3):
        _paragraph(right, "", profile, sign["size"])
    _paragraph(right, signer["name"], profile, sign["size"], bold=sign["name_bold"])


def write_draft(spec, profile: dict, body_lines: list[str]) -> bytes:
    document = Document()
    text_mm = _page(document, profile)
    _header(document, spec, profile, format_number(spec["number"]), text_mm)
    if spec.slug != "cong-van":
        _title(document, spec, profile, text_mm)
    else:
        _paragraph(document, "", profile, profile["body"]["size"])
    _addressees(document, spec, profile)
    _body(document, body_lines, profile)
    closing_block(document, spec["recipients"], spec["signer"], profile, text_mm)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()



def copy_block(document, copy: dict, profile: dict, text_mm: float) -> None:
    """The bản sao block after a document: a full-width line, then the copying body and number
    with Nơi nhận on the left, the copy's heading, date and signature on the right."""
    _rule_under(document, text_mm, text_mm)
    left_mm = profile["page"]["header_left_width_mm"]
    _, left, right = _two_columns(document, left_mm, text_mm - left_mm)
    _issuer_block(left, copy.get("parent"), copy["issuer"], profile, left_mm, left_mm / 3)
    _paragraph(left, profile["number"]["label"] + copy["number"], profile,
               profile["number"]["size"], after=6)
    recipients = profile["recipients"]
    _paragraph(left, recipients["label"], profile, recipients["label_size"], align=LEFT,
               bold=recipients["label_bold"], italic=recipients["label_italic"],
               underline=recipients["label_underline"])
    for n, item in enumerate(copy["recipients"]):
        end = recipients["last_end"] if n == len(copy["recipients"]) - 1 else recipients[
            "item_end"]
        _paragraph(left, f"- {str(item).rstrip(',;.')}{end}", profile, recipients["size"],
                   align=LEFT)
    _paragraph(right, profile["copy"]["headings"][copy["kind"]], profile,
               profile["copy"]["heading_size"], bold=True)
    _paragraph(right, format_date(copy["date"], copy["place"], profile), profile,
               profile["date"]["size"], italic=profile["date"]["italic"], after=6)
    sign = profile["signature"]
    signer = copy["signer"]
    if signer.get("authority"):
        _paragraph(right, signer["authority"].upper(), profile, sign["size"],
                   bold=sign["authority_bold"])
    _paragraph(right, signer["position"].upper(), profile, sign["size"],
               bold=sign["position_bold"])
    for _ in range(3):
        _paragraph(right, "", profile, sign["size"])
    _paragraph(right, signer["name"], profile, sign["size"], bold=sign["name_bold"])


def text_width_mm(document) -> float:
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 36000


def page_only(profile: dict) -> tuple:
    """An empty document laid out as the profile says, and its text width."""
    document = Document()
    return document, _page(document, profile)
