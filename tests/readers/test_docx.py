"""Word files built with python-docx and by hand-written package parts, read back."""
import io
import zipfile

import pytest
from docx import Document

from pipeline.readers.docx import read_docx


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The same package with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in changes:
                target.writestr(item, source.read(item.filename))
        for name, content in changes.items():
            target.writestr(name, content)
    return out.getvalue()


def test_body_tables_headers_and_footers_in_order():
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH X"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "Số: 12/UBND-VP"
    table.cell(1, 1).text = "X, ngày 05 tháng 3 năm 2024"
    document.add_paragraph("Kính gửi: Sở Nội vụ.")
    data_table = document.add_table(rows=1, cols=3)
    for cell, text in zip(data_table.rows[0].cells, ["1", "Báo cáo quý", "Sở Nội vụ"]):
        cell.text = text
    document.sections[0].header.paragraphs[0].text = "DỰ THẢO"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    text = read_docx(docx_bytes(document))
    body = [line.text for line in text.lines if line.zone == "body"]
    assert body == ["ỦY BAN NHÂN DÂN", "TỈNH X", "Số: 12/UBND-VP",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "X, ngày 05 tháng 3 năm 2024",
                    "Kính gửi: Sở Nội vụ.", "1 | Báo cáo quý | Sở Nội vụ"]
    assert [(l.text, l.zone) for l in text.lines if l.zone != "body"] == [
        ("DỰ THẢO", "page-header"), ("Trang 1", "page-footer")]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_text_boxes_deleted_text_and_field_codes():
    document = Document()
    document.add_paragraph("placeholder")
    data = docx_bytes(document)
    body = (f'<w:document {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<w:body><w:p><w:r><w:t>Số: 45/UBND-VP</w:t></w:r>'
            '<w:del><w:r><w:delText>bản cũ</w:delText></w:r></w:del>'
            '<w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
            '<w:p><w:r><w:t>DỰ THẢO LẦN 2</w:t></w:r></w:p></w:txbxContent></w:drawing>'
            '</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO LẦN 2</w:t>'
            '</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
            '<w:r><w:tab/><w:t>Hà Nội</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p></w:body></w:document>')
    text = read_docx(rewrite(data, {"word/document.xml": body.encode()}))
    assert [line.text for line in text.lines] == ["Số: 45/UBND-VP    Hà Nội", "dòng hai",
                                                  "DỰ THẢO LẦN 2"]


def test_footnotes_are_read_with_their_marks(tmp_path):
    from conftest import CORPUS
    import docmaker
    path = docmaker.make_docx(CORPUS / "seeds" / "002_6e91a7f6b37773c7.txt", tmp_path / "a.docx")
    text = read_docx(path.read_bytes())
    notes = [line.text for line in text.lines if line.zone == "footnote"]
    assert len(notes) == 1 and notes[0].startswith("¹ Kết luận số 21-KL/TW")
    assert any("Đảng¹" in line.text for line in text.lines if line.zone == "body")


def test_entities_are_not_expanded_and_outside_targets_not_followed():
    document = Document()
    document.add_paragraph("Nội dung")
    data = docx_bytes(document)
    bomb = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            f'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<w:document {W}><w:body><w:p><w:r><w:t>x&b;y</w:t></w:r></w:p></w:body></w:document>')
    text = read_docx(rewrite(data, {"word/document.xml": bomb.encode()}))
    assert "aaaa" not in text.content
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/footnotes" Target="../../../etc/passwd"/>'
            '</Relationships>')
    text = read_docx(rewrite(data, {"word/_rels/document.xml.rels": rels.encode()}))
    assert text.content == "Nội dung"


def test_damaged_packages_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="zip container is damaged"):
        read_docx(b"PK\x03\x04garbage")
    document = Document()
    data = rewrite(docx_bytes(document), {"word/document.xml": b"<w:document"})
    with pytest.raises(ValueError, match="damaged XML"):
        read_docx(data)


NUMBERING = (
    f'<w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02d"/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="8">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>'
    '</w:numbering>')
STYLES = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Muc"><w:pPr><w:numPr>'
          '<w:numId w:val="4"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="MucCon"><w:basedOn w:val="Muc"/><w:pPr>'
          '<w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')


def _listed(text: str, num: str | None = None, level: int = 0, style: str | None = None) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>' if num else "")
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def test_list_labels_kept_only_in_the_numbering_part_are_read():
    """Word's list buttons leave "1.", "a)", "-" out of the text: they are counted back the
    way Word counts them (shared counters, restarts, levels, numbered styles)."""
    document = Document()
    document.add_paragraph("placeholder")
    data = docx_bytes(document)
    paragraphs = [
        _listed("NHIỆM VỤ", style="Muc"),
        _listed("Sở Tài chính", "1"), _listed("Lập dự toán", "1", 1),
        _listed("Trình phê duyệt", "1", 1), _listed("trước ngày 30/6", "1", 2),
        _listed("Sở Nội vụ", "2"),  # another list on the same definition goes on counting
        _listed("Rà soát biên chế", "1", 1),  # a level restarts below a higher one
        _listed("TỔ CHỨC THỰC HIỆN", style="Muc"), _listed("Phân công", style="MucCon"),
        _listed("Công an tỉnh", "3"),  # startOverride: a new list from 1
        _listed("Không đánh số", "0", style="Muc"),  # numId 0 takes the style's numbering away
    ]
    body = f'<w:document {W}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
    text = read_docx(rewrite(data, {"word/document.xml": body.encode(),
                                    "word/numbering.xml": NUMBERING.encode(),
                                    "word/styles.xml": STYLES.encode(),
                                    "word/_rels/document.xml.rels": rels.encode()}))
    assert [line.text for line in text.lines] == [
        "I. NHIỆM VỤ", "1. Sở Tài chính", "a) Lập dự toán", "b) Trình phê duyệt",
        "- trước ngày 30/6", "2. Sở Nội vụ", "a) Rà soát biên chế", "II. TỔ CHỨC THỰC HIỆN",
        "II.1. Phân công", "1. Công an tỉnh", "Không đánh số"]


def test_hidden_text_is_left_out_and_field_results_kept():
    document = Document()
    document.add_paragraph("placeholder")
    data = docx_bytes(document)
    body = (f'<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">Số: </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> DOCPROPERTY SoVanBan </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>45/UBND-VP</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>ngày 05 tháng 3 năm 2024</w:t></w:r>'
            '</w:fldSimple><w:r><w:rPr><w:vanish/></w:rPr><w:t> (ẩn: Công văn 9/X-Y)</w:t></w:r>'
            '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>.</w:t></w:r></w:p>'
            '</w:body></w:document>')
    text = read_docx(rewrite(data, {"word/document.xml": body.encode()}))
    assert [line.text for line in text.lines] == ["Số: 45/UBND-VP", "ngày 05 tháng 3 năm 2024."]


def _cell(text: str, props: str = "") -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs or '<w:p/>'}</w:tc>"


def test_header_tables_with_spacer_columns_and_merged_cells_are_read_column_by_column():
    """Each header column stays its own piece: no " | " rows out of a layout table."""
    document = Document()
    document.add_paragraph("placeholder")
    data = docx_bytes(document)
    rows = [
        [_cell("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", '<w:vMerge w:val="restart"/>'), _cell(""),
         _cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")],
        [_cell("", "<w:vMerge/>"), _cell(""), _cell("")],
        [_cell("Số:      /UBND-KT"), _cell(""), _cell("Lào Cai, ngày    tháng    năm 2026")],
        [_cell("V/v tăng cường quản lý khoáng sản", '<w:gridSpan w:val="2"/>'), _cell("")],
    ]
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"
    body = f'<w:document {W}><w:body>{table}<w:p/></w:body></w:document>'
    text = read_docx(rewrite(data, {"word/document.xml": body.encode()}))
    assert [line.text for line in text.lines if line.text] == [
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số:      /UBND-KT",
        "V/v tăng cường quản lý khoáng sản", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày    tháng    năm 2026"]


def _without_spans(value):
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value


@pytest.mark.parametrize("name", ["seeds/000_6e539438116efc78", "seeds/002_6e91a7f6b37773c7",
                                  "dev/009", "dev/017", "dev/037"])
def test_word_files_as_offices_save_them_read_like_their_plain_layout(tmp_path, name):
    """Labels only in the numbering part, a spacer column in the header table, the number in a
    form field, a hidden note citing a document, a "HỎA TỐC" text box: the record is the one
    the plain layout of the same real text gives."""
    from conftest import CORPUS
    from pipeline.parse import parse_file
    import docmaker
    plain = docmaker.make_docx(CORPUS / f"{name}.txt", tmp_path / "plain.docx")
    office = docmaker.make_office_docx(CORPUS / f"{name}.txt", tmp_path / "office.docx")
    assert b"<w:numPr>" in zipfile.ZipFile(office).read("word/document.xml")
    plain_lines = [line.text for line in read_docx(plain.read_bytes()).lines]
    office_lines = [line.text for line in read_docx(office.read_bytes()).lines]
    assert office_lines[:2] == ["", "HỎA TỐC"] and office_lines[2:] == plain_lines
    expected, got = parse_file(plain).to_dict(), parse_file(office).to_dict()
    for key in expected:
        if key not in ("source", "evidence", "warnings"):
            assert _without_spans(got[key]) == _without_spans(expected[key]), key
