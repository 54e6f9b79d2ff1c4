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
